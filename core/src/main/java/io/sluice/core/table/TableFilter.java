package io.sluice.core.table;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.PatternSyntaxException;

/**
 * Canal's table filter: a comma-separated list of {@link TablePattern}s, with an optional
 * exclusion list in the same syntax.
 */
@PublicEvolving
public final class TableFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String include;
    private final String exclude;
    private final List<TablePattern> includes;
    private final List<TablePattern> excludes;
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
        boolean included = includes.isEmpty() || TablePattern.anyMatches(includes, name);
        return included && !TablePattern.anyMatches(excludes, name);
    }

    public String include() {
        return include;
    }

    public String exclude() {
        return exclude;
    }

    /** Splits Canal's comma-separated list ({@link TablePattern#splitList}) and compiles each expression. */
    public static List<TablePattern> compile(String list, String key) {
        List<TablePattern> patterns = new ArrayList<>();
        for (String regex : TablePattern.splitList(list)) {
            try {
                patterns.add(TablePattern.compile(regex));
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
