package io.sluice.source.snapshot;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.source.split.KeyColumns;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link KeyOrder}: keys ordered as the server orders them, and which chunk a key falls in. */
class KeyOrderTest {
    /** Case-insensitive weights, like a {@code _ci} collation's, counting the questions. */
    private static final class FakeWeigher extends Weigher {
        final List<String> asked = new ArrayList<>();

        FakeWeigher() {
            super(() -> {
                throw new AssertionError("no server here");
            });
        }

        @Override
        protected byte[] ask(String value, String collation) {
            asked.add(value);
            return value.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static KeyOrder order(Column column, String collation) {
        return new KeyOrder(new KeyColumns(List.of(column), List.of(collation == null ? "" : collation), false),
                new FakeWeigher());
    }

    private static int cmp(KeyOrder order, Object a, Object b) {
        return Integer.signum(order.compare(new Object[] {a}, new Object[] {b}));
    }

    @Test
    void numbersByValueWhateverTheirClass() {
        KeyOrder big = order(new Column("u", ColumnType.BIGINT, true, 0, 0, null, List.of()), null);
        assertThat(cmp(big, 5L, new BigInteger("18446744073709551615"))).isEqualTo(-1);
        assertThat(cmp(big, new BigInteger("9223372036854775808"), Long.MAX_VALUE)).isEqualTo(1);
        assertThat(cmp(big, -1L, 0L)).isEqualTo(-1);

        KeyOrder dec = order(Column.of("d", ColumnType.DECIMAL), null);
        assertThat(cmp(dec, new BigDecimal("1.50"), new BigDecimal("1.5"))).isZero();
        assertThat(cmp(dec, new BigDecimal("-0.01"), new BigDecimal("0.00"))).isEqualTo(-1);

        KeyOrder dbl = order(Column.of("f", ColumnType.DOUBLE), null);
        assertThat(cmp(dbl, -0.0, 0.0)).isZero();
        assertThat(cmp(dbl, -1.5, 2.0)).isEqualTo(-1);
    }

    @Test
    void datesTimesAndBytes() {
        assertThat(cmp(order(Column.of("t", ColumnType.TIME), null), Duration.ofHours(-838), Duration.ofSeconds(1)))
                .isEqualTo(-1);
        assertThat(cmp(order(Column.of("dt", ColumnType.DATETIME), null),
                LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2019, 12, 31, 23, 59))).isEqualTo(1);
        KeyOrder bin = order(Column.of("b", ColumnType.BINARY), null);
        // unsigned, and a prefix sorts first
        assertThat(cmp(bin, new byte[] {(byte) 0xFF}, new byte[] {0x01})).isEqualTo(1);
        assertThat(cmp(bin, new byte[] {0x01}, new byte[] {0x01, 0x00})).isEqualTo(-1);
    }

    @Test
    void enumsByPositionAndSetsByMask() {
        KeyOrder e = order(new Column("e", ColumnType.ENUM, false, 0, 0, "UTF-8", List.of("zebra", "apple")), null);
        assertThat(cmp(e, "zebra", "apple")).isEqualTo(-1);
        assertThat(cmp(e, "", "zebra")).isEqualTo(-1);

        KeyOrder s = order(new Column("s", ColumnType.SET, false, 0, 0, "UTF-8", List.of("b", "a")), null);
        assertThat(cmp(s, List.of("a"), List.of("b", "a"))).isEqualTo(-1);
        assertThat(cmp(s, List.of("a"), List.of("b"))).isEqualTo(1);
    }

    @Test
    void binaryCollationsCompareTheCharsetBytesAndIgnoreTrailingSpacesUnlessNoPad() {
        Column text = new Column("k", ColumnType.STRING, false, 20, 0, "UTF-8", List.of());
        KeyOrder bin = order(text, "utf8mb4_bin");
        assertThat(cmp(bin, "B", "a")).isEqualTo(-1);
        assertThat(cmp(bin, "a ", "a")).isZero();
        assertThat(cmp(bin, "\uD83D\uDE00", "\uFFFF")).isEqualTo(1);
        assertThat(cmp(order(text, "utf8mb4_nopad_bin"), "a ", "a")).isEqualTo(1);

        Column latin1 = new Column("k", ColumnType.STRING, false, 20, 0, "windows-1252", List.of());
        // in latin1 bytes the euro sign (0x80) sorts before 'é' (0xE9), not by code point
        assertThat(cmp(order(latin1, "latin1_bin"), "\u20ac", "\u00e9")).isEqualTo(-1);
    }

    @Test
    void otherCollationsAskTheServerForWeightsOncePerValue() {
        Column text = new Column("k", ColumnType.STRING, false, 20, 0, "UTF-8", List.of());
        FakeWeigher weigher = new FakeWeigher();
        KeyOrder ci = new KeyOrder(new KeyColumns(List.of(text), List.of("utf8mb4_general_ci"), false), weigher);

        assertThat(ci.compare(new Object[] {"a"}, new Object[] {"B"})).isNegative();
        assertThat(ci.compare(new Object[] {"b  "}, new Object[] {"B"})).isZero();
        assertThat(ci.compare(new Object[] {"a"}, new Object[] {"B"})).isNegative();
        assertThat(weigher.asked).containsExactly("a", "B", "b");
        assertThat(KeyOrder.needsWeights(ci.key())).isTrue();
    }

    @Test
    void containsAndRangeOfUseHalfOpenRanges() {
        KeyOrder k = new KeyOrder(new KeyColumns(
                List.of(Column.of("a", ColumnType.INT), Column.of("b", ColumnType.INT)), List.of("", ""), true), null);
        Object[] low = {1L, 5L};
        Object[] high = {2L, 0L};

        assertThat(k.contains(low, high, new Object[] {1L, 5L})).isTrue();
        assertThat(k.contains(low, high, new Object[] {1L, 4L})).isFalse();
        assertThat(k.contains(low, high, new Object[] {1L, 99L})).isTrue();
        assertThat(k.contains(low, high, new Object[] {2L, 0L})).isFalse();
        assertThat(k.contains(null, high, new Object[] {-9L, 0L})).isTrue();
        assertThat(k.contains(low, null, new Object[] {9L, 0L})).isTrue();
        // a configured key with a NULL belongs to the first chunk only
        assertThat(k.contains(low, high, new Object[] {1L, null})).isFalse();
        assertThat(k.contains(null, low, new Object[] {7L, null})).isTrue();

        List<Object[]> lows = new ArrayList<>();
        lows.add(null);
        lows.add(new Object[] {1L, 5L});
        lows.add(new Object[] {2L, 0L});
        assertThat(k.rangeOf(lows, new Object[] {0L, 0L})).isZero();
        assertThat(k.rangeOf(lows, new Object[] {1L, 5L})).isEqualTo(1);
        assertThat(k.rangeOf(lows, new Object[] {1L, 6L})).isEqualTo(1);
        assertThat(k.rangeOf(lows, new Object[] {2L, 0L})).isEqualTo(2);
        assertThat(k.rangeOf(lows, new Object[] {99L, 0L})).isEqualTo(2);
        assertThat(k.rangeOf(lows, new Object[] {99L, null})).isZero();
    }
}
