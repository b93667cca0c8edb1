package io.sluice.source.snapshot;

import io.sluice.event.Column;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.split.KeyColumns;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Orders chunk keys the way the server orders them, so that "is this binlog change inside that
 * chunk" gets the answer the chunk's SELECT gave. Numbers, dates and times compare by value, bytes
 * unsigned, ENUM by label position and SET by bit mask, as the server does; text by its collation:
 * {@code _bin} collations by the bytes in the column's charset, others by the server's sort weights
 * ({@code WEIGHT_STRING}), trailing spaces ignored unless the collation is NO PAD.
 *
 * <p>A key of a configured key that holds a NULL lies only in the table's first chunk (its SELECT
 * adds {@code OR k IS NULL}; the others exclude NULLs).
 */
@Internal
public final class KeyOrder implements Comparator<Object[]> {
    private final KeyColumns key;
    private final Weigher weigher;
    private final Kind[] kinds;
    private final Charset[] charsets;
    private final boolean[] padSpace;

    private enum Kind { VALUE, BYTES, TEXT_BINARY, TEXT_WEIGHTED, ENUM, SET }

    /** {@code weigher} may be null when no key column is text with a non-binary collation. */
    public KeyOrder(KeyColumns key, Weigher weigher) {
        this.key = key;
        this.weigher = weigher;
        int n = key.size();
        this.kinds = new Kind[n];
        this.charsets = new Charset[n];
        this.padSpace = new boolean[n];
        for (int i = 0; i < n; i++) {
            Column c = key.column(i);
            String collation = key.collation(i);
            switch (c.type()) {
                case BINARY, BIT -> kinds[i] = Kind.BYTES;
                case ENUM -> kinds[i] = Kind.ENUM;
                case SET -> kinds[i] = Kind.SET;
                case STRING -> {
                    charsets[i] = c.charset() == null ? null : Charset.forName(c.charset());
                    padSpace[i] = collation == null || isPadSpace(collation);
                    kinds[i] = collation == null || collation.endsWith("_bin") || charsets[i] == null
                            ? Kind.TEXT_BINARY : Kind.TEXT_WEIGHTED;
                }
                default -> kinds[i] = Kind.VALUE;
            }
        }
    }

    /** MariaDB's {@code _nopad_} and MySQL 8's {@code _0900_} collations compare trailing spaces. */
    static boolean isPadSpace(String collation) {
        String c = collation.toLowerCase();
        return !c.contains("_nopad_") && !c.contains("_0900_") && !c.equals("binary");
    }

    /** True when any key column needs the server's sort weights. */
    public static boolean needsWeights(KeyColumns key) {
        for (int i = 0; i < key.size(); i++) {
            String collation = key.collation(i);
            if (key.column(i).type() == io.sluice.event.ColumnType.STRING && collation != null
                    && !collation.endsWith("_bin")) {
                return true;
            }
        }
        return false;
    }

    public KeyColumns key() {
        return key;
    }

    /** True when {@code k} lies in {@code [low, high)}; null bounds are unbounded. */
    public boolean contains(Object[] low, Object[] high, Object[] k) {
        if (hasNull(k)) {
            return low == null;
        }
        return (low == null || compare(k, low) >= 0) && (high == null || compare(k, high) < 0);
    }

    /**
     * The index of the range holding {@code k}, given the ranges' lower bounds in key order
     * ({@code lows[0]} is null: the first range is unbounded below).
     */
    public int rangeOf(List<Object[]> lows, Object[] k) {
        if (hasNull(k)) {
            return 0;
        }
        int lo = 1;
        int hi = lows.size() - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(k, lows.get(mid)) >= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static boolean hasNull(Object[] k) {
        for (Object v : k) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < kinds.length; i++) {
            int c = compareColumn(i, a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compareColumn(int i, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return switch (kinds[i]) {
            case VALUE -> compareValues(a, b);
            case BYTES -> compareBytes(bytes(a), bytes(b));
            case ENUM -> Integer.compare(enumIndex(i, a), enumIndex(i, b));
            case SET -> Long.compareUnsigned(setMask(i, a), setMask(i, b));
            case TEXT_BINARY -> compareBytes(encode(i, (String) a), encode(i, (String) b));
            case TEXT_WEIGHTED -> compareBytes(
                    weigher.weigh(trim(i, (String) a), key.collation(i)),
                    weigher.weigh(trim(i, (String) b), key.collation(i)));
        };
    }

    private String trim(int i, String s) {
        if (!padSpace[i]) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private byte[] encode(int i, String s) {
        String t = trim(i, s);
        return charsets[i] == null ? t.getBytes(java.nio.charset.StandardCharsets.UTF_8) : t.getBytes(charsets[i]);
    }

    /** Values of the same column: numbers by value (whatever their class), the rest by their order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number && b instanceof Number) {
            if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
                double x = ((Number) a).doubleValue();
                double y = ((Number) b).doubleValue();
                // -0.0 equals 0.0 for the server
                return x < y ? -1 : x > y ? 1 : 0;
            }
            return decimal(a).compareTo(decimal(b));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        // a zero date kept as text sorts before every real date, as on the server
        if (a instanceof String != b instanceof String) {
            return a instanceof String ? -1 : 1;
        }
        throw new SluiceSourceException("cannot compare key values " + a + " (" + a.getClass().getSimpleName()
                + ") and " + b + " (" + b.getClass().getSimpleName() + ")");
    }

    private static BigDecimal decimal(Object n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return BigDecimal.valueOf(((Number) n).longValue());
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Boolean b) {
            return new byte[] {(byte) (b ? 1 : 0)};
        }
        long l = ((Number) v).longValue();
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) l;
            l >>>= 8;
        }
        return out;
    }

    static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The 1-based position of an ENUM label; the server's empty error value is 0. */
    public int enumIndex(int column, Object label) {
        if (label instanceof Number n) {
            return n.intValue();
        }
        String s = (String) label;
        if (s.isEmpty()) {
            return 0;
        }
        int index = key.column(column).labels().indexOf(s);
        if (index < 0) {
            throw new SluiceSourceException("'" + s + "' is not a label of ENUM column " + key.column(column).name()
                    + " (" + key.column(column).labels() + ")");
        }
        return index + 1;
    }

    /** The bit mask of a SET value. */
    public long setMask(int column, Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        long mask = 0;
        List<String> labels = key.column(column).labels();
        for (Object member : (List<?>) value) {
            int index = labels.indexOf((String) member);
            if (index < 0) {
                throw new SluiceSourceException("'" + member + "' is not a label of SET column "
                        + key.column(column).name() + " (" + labels + ")");
            }
            mask |= 1L << index;
        }
        return mask;
    }
}
