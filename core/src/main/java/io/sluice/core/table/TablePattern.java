package io.sluice.core.table;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression on {@code db.table}, with Canal's {@code filter.regex} semantics: the
 * whole name must match, ignoring case. Equal when the regex text is equal.
 */
@PublicEvolving
public final class TablePattern implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String regex;
    private final Pattern pattern;

    private TablePattern(String regex, Pattern pattern) {
        this.regex = regex;
        this.pattern = pattern;
    }

    /**
     * Compiles one regex.
     *
     * @throws PatternSyntaxException if it is not a valid Java regular expression
     */
    public static TablePattern compile(String regex) {
        return new TablePattern(regex, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /**
     * Splits a Canal-style list ({@code "shop_\\d+\\.orders_\\d+, shop_0\\.users"}) into its
     * regexes, trimmed and without empty items. Unlike Canal, a comma inside {@code {}} or
     * {@code ()} or a character class {@code []} does not split, so {@code \\d{1,3}} stays whole;
     * inside a class, braces and parentheses are plain characters. When a bracket is left open,
     * the list is split at every comma so the bad regex is reported on its own.
     */
    public static List<String> splitList(String list) {
        List<String> items = new ArrayList<>();
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
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            }
            if (c == ',' && depth == 0 && !inClass) {
                addTrimmed(items, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addTrimmed(items, current.toString());
        if (depth > 0 || inClass) {
            items.clear();
            for (String item : list.split(",")) {
                addTrimmed(items, item);
            }
        }
        return items;
    }

    private static void addTrimmed(List<String> items, String item) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
    }

    /** True if any of the patterns matches {@code dbTable}. */
    public static boolean anyMatches(List<TablePattern> patterns, String dbTable) {
        for (TablePattern p : patterns) {
            if (p.matches(dbTable)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String dbTable) {
        return pattern.matcher(dbTable).matches();
    }

    public String regex() {
        return regex;
    }

    public Pattern pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TablePattern && ((TablePattern) other).regex.equals(regex);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(regex);
    }

    @Override
    public String toString() {
        return regex;
    }
}
