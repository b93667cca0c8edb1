package io.sluice.source.config;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Canal's table filter: comma-separated regular expressions matched against the whole of {@code
 * db.table}, case-insensitively, with an optional exclusion list in the same syntax. A comma
 * inside {@code {}}, {@code []} or {@code ()} belongs to the expression ({@code a{1,3}}).
 */
@PublicEvolving
public final class TableFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String include;
    private final String exclude;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    /** When not null, exactly these tables and no patterns. */
    private final java.util.Set<TableId> only;
    private transient ConcurrentHashMap<TableId, Boolean> decisions;

    private TableFilter(String include, String exclude) {
        this.include = include;
        this.exclude = exclude;
        this.includes = compile(include, "tables");
        this.excludes = compile(exclude, "exclude");
        this.only = null;
    }

    private TableFilter(java.util.Set<TableId> only) {
        this.include = only.toString();
        this.exclude = "";
        this.includes = List.of();
        this.excludes = List.of();
        this.only = java.util.Set.copyOf(only);
    }

    /** Exactly the given tables, whatever characters their names hold. */
    public static TableFilter only(TableId... tables) {
        return new TableFilter(java.util.Set.of(tables));
    }

    /** Everything matching {@code include} (all tables when blank) but not {@code exclude}. */
    public static TableFilter of(String include, String exclude) {
        return new TableFilter(include == null ? "" : include, exclude == null ? "" : exclude);
    }

    public static TableFilter all() {
        return of("", "");
    }

    public boolean accepts(TableId table) {
        ConcurrentHashMap<TableId, Boolean> cache = decisions;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            decisions = cache;
        }
        return cache.computeIfAbsent(table, this::decide);
    }

    private boolean decide(TableId table) {
        if (only != null) {
            return only.contains(table);
        }
        String name = table.toString();
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(name).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    public String include() {
        return include;
    }

    public String exclude() {
        return exclude;
    }

    /** Splits Canal's comma-separated list and compiles each expression. */
    public static List<Pattern> compile(String list, String key) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : split(list)) {
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        key + ": '" + regex + "' is not a valid regular expression: "
                                + e.getDescription() + " near index " + e.getIndex()
                                + "; expected comma-separated regular expressions on db.table,"
                                + " e.g. shop_\\d+\\.orders_\\d+",
                        e);
            }
        }
        return patterns;
    }

    static List<String> split(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\\' && i + 1 < list.length()) {
                current.append(c).append(list.charAt(++i));
                continue;
            }
            if (inClass) {
                // inside [...] braces and parentheses are plain characters
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            }
            if (c == ',' && depth == 0 && !inClass) {
                add(parts, current);
            } else {
                current.append(c);
            }
        }
        add(parts, current);
        return parts;
    }

    private static void add(List<String> parts, StringBuilder current) {
        String part = current.toString().trim();
        if (!part.isEmpty()) {
            parts.add(part);
        }
        current.setLength(0);
    }

    /** Same patterns (or the same listed tables). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TableFilter f && include.equals(f.include) && exclude.equals(f.exclude)
                && java.util.Objects.equals(only, f.only);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(include, exclude, only);
    }

    @Override
    public String toString() {
        return "tables '" + include + "'" + (exclude.isEmpty() ? "" : " excluding '" + exclude + "'");
    }
}
