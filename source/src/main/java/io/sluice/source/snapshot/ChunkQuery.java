package io.sluice.source.snapshot;

import io.sluice.event.Column;
import io.sluice.event.TableId;
import io.sluice.source.schema.JdbcValues;
import io.sluice.source.split.KeyColumns;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the snapshot: a chunk's SELECT, the query for the next chunk boundary, and the binding
 * of key values to their parameters.
 *
 * <p>Key ranges compare whole keys in key order, like {@code (a, b) >= (?, ?)}, but are written out
 * as {@code a > ? OR (a = ? AND b >= ?)}: MariaDB does not use an index for a row comparison, only
 * for this form. Rows whose configured key holds a NULL belong to the first chunk.
 */
@Internal
public final class ChunkQuery {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private ChunkQuery() {}

    /** {@code `db`.`table`} */
    public static String table(TableId table) {
        return JdbcValues.quote(table.db()) + "." + JdbcValues.quote(table.table());
    }

    /**
     * The SELECT of a chunk's rows: every column (read with {@link JdbcValues}), keys in {@code
     * [low, high)}; parameters: the low bound's, then the high bound's (see {@link #bindRange}).
     */
    public static String selectChunk(TableId table, List<Column> columns, KeyColumns key, boolean hasLow, boolean hasHigh) {
        return "SELECT " + JdbcValues.selectList(columns) + " FROM " + table(table) + where(key, hasLow, hasHigh);
    }

    /** The WHERE clause of a chunk (empty for the only chunk of a table). */
    static String where(KeyColumns key, boolean hasLow, boolean hasHigh) {
        List<String> conditions = new ArrayList<>(3);
        if (hasLow) {
            conditions.add(compare(key, ">", true));
        }
        if (hasHigh) {
            conditions.add(compare(key, "<", false));
        }
        if (key.configured()) {
            if (hasLow) {
                conditions.add(notNull(key));
            } else if (hasHigh) {
                // the first chunk also holds the rows whose key has a NULL
                return " WHERE (" + conditions.get(0) + ") OR " + anyNull(key);
            }
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * The first key of the chunk after the one starting at {@code low} (null: the first chunk),
     * {@code chunkSize} rows on; no row means {@code low} starts the last chunk. Parameters: the
     * low bound's.
     */
    public static String nextBoundary(TableId table, KeyColumns key, boolean hasLow, int chunkSize) {
        String where;
        long offset;
        if (hasLow) {
            // strictly after low: progress even when a configured key repeats a value
            where = " WHERE " + compare(key, ">", false) + (key.configured() ? " AND " + notNull(key) : "");
            offset = chunkSize - 1L;
        } else {
            where = key.configured() ? " WHERE " + notNull(key) : "";
            offset = chunkSize;
        }
        return "SELECT " + JdbcValues.selectList(key.columns()) + " FROM " + table(table) + where
                + " ORDER BY " + orderBy(key) + " LIMIT 1 OFFSET " + offset;
    }

    /** The smallest and largest value of a one-column integer key. */
    public static String minMax(TableId table, KeyColumns key) {
        String k = JdbcValues.quote(key.column(0).name());
        return "SELECT MIN(" + k + "), MAX(" + k + ") FROM " + table(table);
    }

    static String orderBy(KeyColumns key) {
        List<String> parts = new ArrayList<>(key.size());
        for (Column c : key.columns()) {
            parts.add(JdbcValues.quote(c.name()));
        }
        return String.join(", ", parts);
    }

    /**
     * {@code (k1..kn) op (?..?)} as {@code k1 op ? OR (k1 = ? AND k2 op ?) ...}, with the last
     * column's comparison inclusive when {@code inclusive}. Parameters: the bound's values in the
     * order {@link #bindKey} sets them.
     */
    static String compare(KeyColumns key, String op, boolean inclusive) {
        int n = key.size();
        List<String> alternatives = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < i; j++) {
                sb.append(JdbcValues.quote(key.column(j).name())).append(" = ? AND ");
            }
            String last = i == n - 1 && inclusive ? op + "=" : op;
            sb.append(JdbcValues.quote(key.column(i).name())).append(' ').append(last).append(" ?");
            alternatives.add(n == 1 ? sb.toString() : "(" + sb + ")");
        }
        return n == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String notNull(KeyColumns key) {
        List<String> parts = new ArrayList<>(key.size());
        for (Column c : key.columns()) {
            parts.add(JdbcValues.quote(c.name()) + " IS NOT NULL");
        }
        return String.join(" AND ", parts);
    }

    private static String anyNull(KeyColumns key) {
        List<String> parts = new ArrayList<>(key.size());
        for (Column c : key.columns()) {
            parts.add(JdbcValues.quote(c.name()) + " IS NULL");
        }
        return String.join(" OR ", parts);
    }

    /** Binds a chunk's bounds as {@link #selectChunk} expects them; returns the next parameter index. */
    public static int bindRange(PreparedStatement st, KeyOrder order, Object[] low, Object[] high) throws SQLException {
        int next = 1;
        if (low != null) {
            next = bindKey(st, next, order, low);
        }
        if (high != null) {
            next = bindKey(st, next, order, high);
        }
        return next;
    }

    /** Binds one bound in the order {@link #compare} asks for it; returns the next parameter index. */
    public static int bindKey(PreparedStatement st, int first, KeyOrder order, Object[] bound) throws SQLException {
        int p = first;
        for (int i = 0; i < bound.length; i++) {
            for (int j = 0; j <= i; j++) {
                bindValue(st, p++, order, j, bound[j]);
            }
        }
        return p;
    }

    /** One key value as a parameter the server compares with the column as it orders the column. */
    static void bindValue(PreparedStatement st, int index, KeyOrder order, int column, Object v) throws SQLException {
        Column c = order.key().column(column);
        switch (c.type()) {
            // compared with a number, ENUM and SET columns compare by position and bit mask, as they sort
            case ENUM -> st.setLong(index, order.enumIndex(column, v));
            case SET -> st.setLong(index, order.setMask(column, v));
            default -> {
                if (v instanceof Long l) {
                    st.setLong(index, l);
                } else if (v instanceof String s) {
                    st.setString(index, s);
                } else if (v instanceof BigDecimal d) {
                    st.setBigDecimal(index, d);
                } else if (v instanceof BigInteger b) {
                    st.setBigDecimal(index, new BigDecimal(b));
                } else if (v instanceof byte[] b) {
                    st.setBytes(index, b);
                } else if (v instanceof Double d) {
                    st.setDouble(index, d);
                } else if (v instanceof Float f) {
                    st.setFloat(index, f);
                } else if (v instanceof Boolean b) {
                    st.setLong(index, b ? 1 : 0);
                } else if (v instanceof LocalDate d) {
                    st.setString(index, d.toString());
                } else if (v instanceof LocalDateTime d) {
                    st.setString(index, DATETIME.format(d));
                } else if (v instanceof Instant i) {
                    // Sluice's connections use the session time zone +00:00
                    st.setString(index, DATETIME.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)));
                } else if (v instanceof Duration d) {
                    st.setString(index, time(d));
                } else {
                    throw new IllegalArgumentException("cannot bind key value " + v + " of column " + c.name());
                }
            }
        }
    }

    /** A TIME literal: {@code [-]HHH:MM:SS.ffffff}. */
    static String time(Duration d) {
        boolean negative = d.isNegative();
        Duration abs = d.abs();
        long seconds = abs.getSeconds();
        return String.format("%s%02d:%02d:%02d.%06d", negative ? "-" : "", seconds / 3600, seconds / 60 % 60,
                seconds % 60, abs.getNano() / 1000);
    }
}
