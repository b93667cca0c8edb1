package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/** Equality, hashing and printing of column values, treating {@code byte[]} by content. */
@PublicEvolving
public final class Values {
    private Values() {}

    public static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Object[] x && b instanceof Object[] y) {
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!equal(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    public static int hash(Object value) {
        if (value instanceof byte[] bytes) {
            return Arrays.hashCode(bytes);
        }
        if (value instanceof Object[] values) {
            int h = 1;
            for (Object v : values) {
                h = 31 * h + hash(v);
            }
            return h;
        }
        return Objects.hashCode(value);
    }

    public static String toString(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + java.util.HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Object[] values) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(toString(values[i]));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }

    /**
     * Brings a value computed outside the source (an expression result, an aggregate) to the
     * types events carry: smaller integers become {@link Long}, a {@link java.math.BigInteger}
     * that fits becomes {@link Long}, other numbers stay as they are.
     */
    public static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return value;
    }

    /**
     * {@link #normalize} applied inside lists and maps too; returns the same instance when
     * nothing needed a change.
     */
    public static Object normalizeDeep(Object value) {
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                Object normalized = normalizeDeep(element);
                if (normalized != element && copy == null) {
                    copy = new java.util.ArrayList<>(list);
                }
                if (copy != null) {
                    copy.set(i, normalized);
                }
            }
            return copy == null ? value : java.util.Collections.unmodifiableList(copy);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> copy = null;
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                Object normalized = normalizeDeep(e.getValue());
                if (normalized != e.getValue() && copy == null) {
                    copy = new java.util.LinkedHashMap<>(map);
                }
                if (copy != null) {
                    copy.put(e.getKey(), normalized);
                }
            }
            return copy == null ? value : java.util.Collections.unmodifiableMap(copy);
        }
        return normalize(value);
    }
}
