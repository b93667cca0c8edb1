package io.sluice.source.schema;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.ZeroDatePolicy;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads column values from a JDBC result set as exactly the Java values the binlog decoder gives
 * the same column (see {@link ColumnType}), so a snapshot row and a binlog insert of the same row
 * carry equal images.
 *
 * <p>The select list must use {@link #selectExpression} for each column: text comes as the stored
 * bytes and is decoded with the column's charset, as the binlog decoder does; dates and times come
 * as the server's text (zero dates, negative and long TIMEs included; TIMESTAMPs in UTC, the
 * session time zone of Sluice's connections); FLOAT and DOUBLE come in the binary protocol
 * (server-side prepared statements), where they are exact.
 */
@Internal
public final class JdbcValues {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final RowDecoder decoder;
    private final boolean bit1AsBoolean;

    public JdbcValues(ZeroDatePolicy zeroDates, boolean bit1AsBoolean) {
        this.decoder = new RowDecoder(zeroDates, bit1AsBoolean);
        this.bit1AsBoolean = bit1AsBoolean;
    }

    /** The select-list expression that gives {@link #read} what it expects for a column. */
    public static String selectExpression(Column c) {
        String name = quote(c.name());
        return switch (c.type()) {
            case DATE, DATETIME, TIMESTAMP, TIME -> "CAST(" + name + " AS CHAR)";
            case YEAR -> "(" + name + "+0)";
            case STRING -> "CAST(" + name + " AS BINARY)";
            default -> name;
        };
    }

    /** Reads column {@code c} at result set position {@code index} (1-based). */
    public Object read(ResultSet rs, int index, Column c) throws SQLException {
        switch (c.type()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, YEAR: {
                long v = rs.getLong(index);
                return rs.wasNull() ? null : v;
            }
            case BIGINT: {
                if (!c.unsigned()) {
                    long v = rs.getLong(index);
                    return rs.wasNull() ? null : v;
                }
                BigDecimal d = rs.getBigDecimal(index);
                if (d == null) {
                    return null;
                }
                BigInteger big = d.toBigIntegerExact();
                return big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
            }
            case DECIMAL: {
                BigDecimal d = rs.getBigDecimal(index);
                return d == null || d.scale() == c.scale() ? d : d.setScale(c.scale());
            }
            case FLOAT: {
                float v = rs.getFloat(index);
                return rs.wasNull() ? null : v;
            }
            case DOUBLE: {
                double v = rs.getDouble(index);
                return rs.wasNull() ? null : v;
            }
            case BIT: {
                byte[] bytes = rs.getBytes(index);
                return bytes == null ? null : bit(bytes, c.length());
            }
            case DATE: {
                String text = rs.getString(index);
                return text == null ? null : date(text);
            }
            case DATETIME: {
                String text = rs.getString(index);
                return text == null ? null : datetime(text, c.scale());
            }
            case TIMESTAMP: {
                String text = rs.getString(index);
                return text == null ? null : timestamp(text, c.scale());
            }
            case TIME: {
                String text = rs.getString(index);
                return text == null ? null : time(text);
            }
            case STRING: {
                byte[] bytes = rs.getBytes(index);
                return bytes == null ? null : new String(bytes, Charset.forName(c.charset()));
            }
            case BINARY:
                return rs.getBytes(index);
            case ENUM:
                return rs.getString(index);
            case SET: {
                String text = rs.getString(index);
                return text == null ? null : text.isEmpty() ? List.of() : List.of(text.split(","));
            }
            case JSON: {
                String text = rs.getString(index);
                return text == null ? null : new JsonText(RowDecoder.compactJson(text));
            }
            case GEOMETRY: {
                byte[] bytes = rs.getBytes(index);
                return bytes == null ? null : RowDecoder.wkt(bytes);
            }
            default:
                throw new SluiceSourceException("cannot read column " + c.name() + " of type " + c.type() + " over JDBC");
        }
    }

    private Object bit(byte[] bytes, int bits) {
        if (bits == 64) {
            return bytes.length == 8 ? bytes : leftPad(bytes, 8);
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return bits == 1 && bit1AsBoolean ? (Object) (v != 0) : (Object) v;
    }

    private static byte[] leftPad(byte[] bytes, int length) {
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        return padded;
    }

    /** {@code YYYY-MM-DD}, zero dates included. */
    Object date(String text) {
        return decoder.localDate(num(text, 0, 4), num(text, 5, 7), num(text, 8, 10));
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.ffffff]}, zero dates included. */
    Object datetime(String text, int fsp) {
        return decoder.localDateTime(num(text, 0, 4), num(text, 5, 7), num(text, 8, 10),
                num(text, 11, 13), num(text, 14, 16), num(text, 17, 19), micros(text, 19), fsp);
    }

    /** A TIMESTAMP as the server prints it in UTC; the zero timestamp as the binlog decoder has it. */
    Object timestamp(String text, int fsp) {
        int year = num(text, 0, 4);
        int month = num(text, 5, 7);
        int day = num(text, 8, 10);
        if (year == 0 && month == 0 && day == 0) {
            return decoder.timestamp(0, 0, fsp);
        }
        LocalDateTime utc = LocalDateTime.of(year, month, day, num(text, 11, 13), num(text, 14, 16), num(text, 17, 19),
                micros(text, 19) * 1000);
        return utc.toInstant(ZoneOffset.UTC);
    }

    /** {@code [-]H+:MM:SS[.ffffff]}: signed, may exceed 24 hours. */
    static Duration time(String text) {
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        int colon = text.indexOf(':', start);
        long hours = Long.parseLong(text.substring(start, colon));
        int minutes = num(text, colon + 1, colon + 3);
        int seconds = num(text, colon + 4, colon + 6);
        Duration d = Duration.ofSeconds(hours * 3600 + minutes * 60L + seconds, micros(text, colon + 6) * 1000L);
        return negative ? d.negated() : d;
    }

    /** The microseconds of a {@code .ffffff} fraction starting at {@code dot}, or 0 when there is none. */
    private static int micros(String text, int dot) {
        if (dot >= text.length() || text.charAt(dot) != '.') {
            return 0;
        }
        int micros = 0;
        int digits = 0;
        for (int i = dot + 1; i < text.length() && digits < 6; i++, digits++) {
            micros = micros * 10 + (text.charAt(i) - '0');
        }
        for (; digits < 6; digits++) {
            micros *= 10;
        }
        return micros;
    }

    private static int num(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new SluiceSourceException("unexpected date or time text from the server: '" + text + "'");
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** A quoted identifier. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** The select list for {@code columns}, each by {@link #selectExpression}. */
    public static String selectList(List<Column> columns) {
        List<String> parts = new ArrayList<>(columns.size());
        for (Column c : columns) {
            parts.add(selectExpression(c));
        }
        return String.join(", ", parts);
    }

    /** Reads every column of the current row, in order (1-based positions from {@code first}). */
    public Object[] readRow(ResultSet rs, List<Column> columns, int first) throws SQLException {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = read(rs, first + i, columns.get(i));
        }
        return row;
    }
}
