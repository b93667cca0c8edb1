package io.sluice.transforms.filter;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Canal's table filter: comma-separated regular expressions on {@code db.table}, each matching
 * the whole name, ignoring case; an optional exclude list of the same form wins over the
 * include list. A comma inside {@code {}}, {@code []} or {@code ()} does not split, so
 * {@code shop_\d{1,3}\.orders} stays one regex.
 */
@PublicEvolving
public final class TableMatcher implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> include;
    private final List<String> exclude;
    private transient List<Pattern> includePatterns;
    private transient List<Pattern> excludePatterns;

    private TableMatcher(List<String> include, List<String> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        compile(); // fail early on a bad regex
    }

    /**
     * @param include Canal list of regexes; null or blank matches every table
     * @param exclude Canal list of regexes; null or blank excludes nothing
     * @throws IllegalArgumentException naming the bad regex
     */
    public static TableMatcher of(String include, String exclude) {
        return new TableMatcher(split(include), split(exclude));
    }

    /** Matches every table. */
    public static TableMatcher all() {
        return new TableMatcher(List.of(), List.of());
    }

    public boolean matches(TableId table) {
        return matches(table.toString());
    }

    public boolean matches(String dbTable) {
        if (includePatterns == null) {
            compile();
        }
        if (anyMatches(excludePatterns, dbTable)) {
            return false;
        }
        return includePatterns.isEmpty() || anyMatches(includePatterns, dbTable);
    }

    private static boolean anyMatches(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private void compile() {
        includePatterns = compileAll(include);
        excludePatterns = compileAll(exclude);
    }

    private static List<Pattern> compileAll(List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>(regexes.size());
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid table regex '" + regex + "': " + e.getDescription()
                        + "; expected a Java regular expression on db.table, e.g. shop_\\d+\\.orders_\\d+", e);
            }
        }
        return patterns;
    }

    /** Splits a Canal list at top-level commas, trimming items and dropping empty ones. */
    static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        if (list == null) {
            return items;
        }
        int depth = 0;
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                add(items, list.substring(start, i));
                start = i + 1;
            }
        }
        add(items, list.substring(start));
        return items;
    }

    private static void add(List<String> items, String item) {
        if (!item.isBlank()) {
            items.add(item.trim());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableMatcher other && include.equals(other.include) && exclude.equals(other.exclude);
    }

    @Override
    public int hashCode() {
        return Objects.hash(include, exclude);
    }

    @Override
    public String toString() {
        return String.join(", ", include) + (exclude.isEmpty() ? "" : " except " + String.join(", ", exclude));
    }
}
