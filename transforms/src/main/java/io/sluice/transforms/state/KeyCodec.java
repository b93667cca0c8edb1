package io.sluice.transforms.state;

import io.sluice.event.JsonText;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Encodes key values (a primary key, a join key, a group) into one String, the type of every
 * Flink key and map-state key of the transforms: Strings hash and compare by content in every
 * state backend, unlike arrays.
 *
 * <p>Equal SQL values encode equally: numbers by their exact decimal value, whatever their Java
 * type ({@code 5}, {@code 5L}, {@code 5.00} match, as {@code INT = DECIMAL} does in MySQL);
 * strings by their exact characters (binary comparison; MySQL's case-insensitive collations are
 * not emulated). Values of different kinds never collide: each part carries a type letter.
 */
@Internal
public final class KeyCodec {
    private static final char SEPARATOR = '\u001f';
    private static final char ESCAPE = '\\';

    private KeyCodec() {}

    /** The key of several values, in order. */
    public static String encode(Object[] values) {
        if (values.length == 1) {
            return encode(values[0]);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            append(sb, values[i]);
        }
        return sb.toString();
    }

    /** The key of one value. */
    public static String encode(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    /** True if any value is null: SQL never matches such a key in a join. */
    public static boolean hasNull(Object[] values) {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    private static void append(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append('z');
        } else if (value instanceof String s) {
            sb.append('s');
            escape(sb, s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            sb.append('n').append(value);
        } else if (value instanceof BigDecimal d) {
            sb.append('n').append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                sb.append('n').append(d);
            } else {
                append(sb, new BigDecimal(d));
            }
        } else if (value instanceof Boolean b) {
            sb.append('n').append(b ? '1' : '0');
        } else if (value instanceof LocalDate d) {
            sb.append('d').append(d);
        } else if (value instanceof LocalDateTime t) {
            sb.append('t').append(t);
        } else if (value instanceof Instant i) {
            sb.append('i').append(i);
        } else if (value instanceof Duration d) {
            sb.append('p').append(d);
        } else if (value instanceof byte[] b) {
            sb.append('b').append(HexFormat.of().formatHex(b));
        } else if (value instanceof JsonText j) {
            sb.append('j');
            escape(sb, j.json());
        } else if (value instanceof List<?> list) {
            sb.append('l');
            escape(sb, encode(list.toArray()));
        } else if (value instanceof Map<?, ?> map) {
            sb.append('m');
            StringBuilder inner = new StringBuilder();
            map.forEach((k, v) -> {
                inner.append(k).append('=');
                append(inner, v);
                inner.append(';');
            });
            escape(sb, inner.toString());
        } else {
            sb.append('?');
            escape(sb, value.toString());
        }
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == SEPARATOR || c == ESCAPE) {
                sb.append(ESCAPE);
            }
            sb.append(c);
        }
    }
}
