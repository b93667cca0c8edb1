package io.sluice.transforms.state;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;
import io.sluice.event.SourceInfo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One value of every type state may hold. */
public final class ValueFixtures {
    private ValueFixtures() {}

    public static Object[] everyType() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put("b", null);
        map.put("c", List.of("x", 2L));
        return new Object[] {null, 42L, new BigInteger("18446744073709551615"), new BigDecimal("-123.4500"), 1.5f, 2.25d,
            "héllo \u001f \\ 世界", new byte[] {0, -1, 7}, true, LocalDate.of(2020, 7, 17),
            LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_456_000), Instant.parse("2020-07-17T10:00:22.123Z"),
            Duration.ofSeconds(-838 * 3600 - 59 * 60 - 59), new JsonText("{\"k\": [1, 2]}"), List.of("a", "b"), map};
    }

    /** Every type except byte[] (whose equality is by identity inside records). */
    public static Object[] comparable() {
        return Arrays.stream(everyType()).filter(v -> !(v instanceof byte[])).toArray();
    }

    public static SourceInfo source() {
        return new SourceInfo("shop_1", "orders_7", 1, "binlog.000003", 4711, "0-1-42", 1_700_000_000_000L, false);
    }

    public static List<Column> columns() {
        return List.of(Column.of("id", ColumnType.BIGINT),
                new Column("amount", ColumnType.DECIMAL, false, 10, 2, null, List.of()),
                new Column("n", ColumnType.INT, true, 0, 0, null, List.of()));
    }
}
