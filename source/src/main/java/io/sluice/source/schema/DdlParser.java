package io.sluice.source.schema;

import io.sluice.event.TableId;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables a DDL statement changes, so the tracker knows which schemas to refresh. It only
 * reads names after the statement's leading keywords, and the new name of {@code ALTER TABLE ...
 * RENAME}; it does not interpret the rest.
 */
@Internal
public final class DdlParser {
    /** Backquoted, or unquoted: ASCII letters, digits, {@code $}, {@code _} and U+0080..U+FFFF, as MySQL allows. */
    private static final String NAME = "(?:`(?:[^`]|``)+`|[\\w$\\x{80}-\\x{FFFF}]+)";
    private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
    /** A backquoted name or a string literal: comment markers and keywords inside do not count. */
    private static final String QUOTED = "`(?:[^`]|``)*`|'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"";
    /** A quoted text (group 1, kept as it is) or a comment; {@code --} needs a space after it, as in MySQL. */
    private static final Pattern COMMENTS = Pattern.compile(
            "(" + QUOTED + ")|/\\*(?!!).*?\\*/|--(?=\\s|$)[^\\n]*|#[^\\n]*", Pattern.DOTALL);
    /** After {@code ALTER TABLE a}: {@code RENAME [TO|AS] b} (group 1), not RENAME COLUMN, INDEX or KEY. */
    private static final Pattern ALTER_RENAME = Pattern.compile(
            QUOTED + "|(?:^|[\\s,])RENAME\\s+(?:(?:TO|AS)\\s+)?(?!(?:COLUMN|INDEX|KEY)\\b)(" + QUALIFIED + ")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SINGLE = Pattern.compile(
            "^\\s*(?:(?<alter>ALTER)\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?TABLE"
                    + "(?:\\s+IF\\s+NOT\\s+EXISTS)?|TRUNCATE(?:\\s+TABLE)?)\\s+(?<name>" + QUALIFIED + ")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INDEX = Pattern.compile(
            "^\\s*(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX|DROP\\s+INDEX)"
                    + "(?:\\s+IF\\s+(?:NOT\\s+)?EXISTS)?\\s+" + NAME + "\\s+ON\\s+(" + QUALIFIED + ")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP = Pattern.compile(
            "^\\s*DROP\\s+(?:TEMPORARY\\s+)?TABLE(?:\\s+IF\\s+EXISTS)?\\s+(.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RENAME = Pattern.compile(
            "^\\s*RENAME\\s+TABLES?(?:\\s+IF\\s+EXISTS)?\\s+(.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME_IN_LIST = Pattern.compile(QUALIFIED);
    /** Unquoted keywords between the names of a DROP or RENAME list. */
    private static final Set<String> LIST_KEYWORDS = Set.of("TO", "IF", "EXISTS", "WAIT", "NOWAIT");
    private static final Pattern DDL_START = Pattern.compile(
            "^\\s*(ALTER|CREATE|DROP|RENAME|TRUNCATE)\\b", Pattern.CASE_INSENSITIVE);

    private DdlParser() {}

    /** True for statements that may change a table's shape. */
    public static boolean isDdl(String sql) {
        return DDL_START.matcher(stripComments(sql)).find();
    }

    /** The tables a statement creates, alters, drops, renames (both names) or truncates. */
    public static List<TableId> tablesOf(String sql, String defaultDb) {
        String s = stripComments(sql);
        List<TableId> tables = new ArrayList<>();
        Matcher m = SINGLE.matcher(s);
        if (m.find()) {
            tables.add(toTableId(m.group("name"), defaultDb));
            if (m.group("alter") != null) {
                Matcher rename = ALTER_RENAME.matcher(s.substring(m.end()));
                while (rename.find()) {
                    if (rename.group(1) != null) {
                        tables.add(toTableId(rename.group(1), defaultDb));
                        break;
                    }
                }
            }
            return tables;
        }
        m = INDEX.matcher(s);
        if (m.find()) {
            tables.add(toTableId(m.group(1), defaultDb));
            return tables;
        }
        m = DROP.matcher(s);
        if (m.find()) {
            String list = m.group(1).replaceAll("(?i)\\s+(RESTRICT|CASCADE)\\s*$", "");
            addAll(list, defaultDb, tables);
            return tables;
        }
        m = RENAME.matcher(s);
        if (m.find()) {
            addAll(m.group(1), defaultDb, tables);
        }
        return tables;
    }

    /**
     * The tables a statement renames into: the new names of {@code RENAME TABLE a TO b[, c TO d]}
     * and of {@code ALTER TABLE a RENAME [TO] b}. Empty for any other statement.
     */
    public static List<TableId> renameTargets(String sql, String defaultDb) {
        String s = stripComments(sql);
        List<TableId> targets = new ArrayList<>();
        if (RENAME.matcher(s).find()) {
            List<TableId> names = tablesOf(s, defaultDb);
            for (int i = 1; i < names.size(); i += 2) {
                targets.add(names.get(i));
            }
        } else {
            Matcher m = SINGLE.matcher(s);
            if (m.find() && m.group("alter") != null) {
                List<TableId> names = tablesOf(s, defaultDb);
                if (names.size() == 2) {
                    targets.add(names.get(1));
                }
            }
        }
        return targets;
    }

    private static void addAll(String list, String defaultDb, List<TableId> tables) {
        Matcher names = NAME_IN_LIST.matcher(list);
        while (names.find()) {
            String name = names.group();
            if (!LIST_KEYWORDS.contains(name.toUpperCase(Locale.ROOT)) && !name.matches("\\d+")) {
                tables.add(toTableId(name, defaultDb));
            }
        }
    }

    /** A possibly qualified, possibly backquoted name as a table id, in {@code defaultDb} when unqualified. */
    public static TableId toTableId(String qualified, String defaultDb) {
        List<String> parts = new ArrayList<>(2);
        Matcher m = Pattern.compile(NAME).matcher(qualified);
        while (m.find()) {
            String part = m.group();
            if (part.startsWith("`")) {
                part = part.substring(1, part.length() - 1).replace("``", "`");
            }
            parts.add(part);
        }
        return parts.size() == 2 ? new TableId(parts.get(0), parts.get(1)) : new TableId(defaultDb == null ? "" : defaultDb, parts.get(0));
    }

    private static String stripComments(String sql) {
        return COMMENTS.matcher(sql).replaceAll(r -> r.group(1) != null ? Matcher.quoteReplacement(r.group(1)) : " ");
    }
}
