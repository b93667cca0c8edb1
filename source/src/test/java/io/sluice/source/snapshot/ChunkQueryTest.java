package io.sluice.source.snapshot;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.source.split.KeyColumns;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ChunkQuery}: chunk bounds, composite keys, NULLs of configured keys, and parameter order. */
class ChunkQueryTest {
    private static final TableId T = new TableId("shop", "or`ders");
    private static final Column ID = Column.of("id", ColumnType.BIGINT);
    private static final Column A = Column.of("a", ColumnType.INT);
    private static final Column B = new Column("b", ColumnType.STRING, false, 20, 0, "UTF-8", List.of());
    private static final Column C = Column.of("c", ColumnType.DATE);
    private static final Column STATE = new Column("state", ColumnType.ENUM, false, 0, 0, "UTF-8",
            List.of("new", "paid", "shipped"));

    private static KeyColumns key(boolean configured, Column... columns) {
        List<String> collations = new ArrayList<>();
        for (Column c : columns) {
            collations.add(c.type() == ColumnType.STRING ? "utf8mb4_general_ci" : "");
        }
        return new KeyColumns(List.of(columns), collations, configured);
    }

    @Test
    void oneColumnKeyChunks() {
        KeyColumns k = key(false, ID);

        assertThat(ChunkQuery.where(k, false, false)).isEmpty();
        assertThat(ChunkQuery.where(k, false, true)).isEqualTo(" WHERE `id` < ?");
        assertThat(ChunkQuery.where(k, true, true)).isEqualTo(" WHERE `id` >= ? AND `id` < ?");
        assertThat(ChunkQuery.where(k, true, false)).isEqualTo(" WHERE `id` >= ?");
        assertThat(ChunkQuery.selectChunk(T, List.of(ID, B, C), k, true, true)).isEqualTo(
                "SELECT `id`, CAST(`b` AS BINARY), CAST(`c` AS CHAR) FROM `shop`.`or``ders` WHERE `id` >= ? AND `id` < ?");
    }

    @Test
    void compositeKeysCompareWholeKeysInAFormMariaDbCanUseAnIndexFor() {
        KeyColumns k = key(false, A, B, C);

        assertThat(ChunkQuery.where(k, true, true)).isEqualTo(" WHERE "
                + "((`a` > ?) OR (`a` = ? AND `b` > ?) OR (`a` = ? AND `b` = ? AND `c` >= ?))"
                + " AND ((`a` < ?) OR (`a` = ? AND `b` < ?) OR (`a` = ? AND `b` = ? AND `c` < ?))");
    }

    @Test
    void configuredKeysPutNullsInTheFirstChunkOnly() {
        KeyColumns k = key(true, A, B);

        assertThat(ChunkQuery.where(k, false, true))
                .isEqualTo(" WHERE (((`a` < ?) OR (`a` = ? AND `b` < ?))) OR `a` IS NULL OR `b` IS NULL");
        assertThat(ChunkQuery.where(k, true, true)).isEqualTo(" WHERE ((`a` > ?) OR (`a` = ? AND `b` >= ?))"
                + " AND ((`a` < ?) OR (`a` = ? AND `b` < ?)) AND `a` IS NOT NULL AND `b` IS NOT NULL");
        assertThat(ChunkQuery.where(k, true, false))
                .isEqualTo(" WHERE ((`a` > ?) OR (`a` = ? AND `b` >= ?)) AND `a` IS NOT NULL AND `b` IS NOT NULL");
        assertThat(ChunkQuery.where(k, false, false)).isEmpty();
    }

    @Test
    void nextBoundaryWalksOneChunkOfTheKeyIndex() {
        KeyColumns k = key(false, A, B);

        assertThat(ChunkQuery.nextBoundary(T, k, false, 1000)).isEqualTo(
                "SELECT `a`, CAST(`b` AS BINARY) FROM `shop`.`or``ders` ORDER BY `a`, `b` LIMIT 1 OFFSET 1000");
        // strictly after the previous boundary, which begins the chunk: 999 more rows
        assertThat(ChunkQuery.nextBoundary(T, k, true, 1000)).isEqualTo(
                "SELECT `a`, CAST(`b` AS BINARY) FROM `shop`.`or``ders` WHERE ((`a` > ?) OR (`a` = ? AND `b` > ?))"
                        + " ORDER BY `a`, `b` LIMIT 1 OFFSET 999");
        assertThat(ChunkQuery.nextBoundary(T, key(true, A), true, 10)).isEqualTo(
                "SELECT `a` FROM `shop`.`or``ders` WHERE `a` > ? AND `a` IS NOT NULL ORDER BY `a` LIMIT 1 OFFSET 9");
    }

    @Test
    void bindsEachBoundInTheOrderOfItsAlternatives() throws Exception {
        KeyColumns k = key(false, A, B, C);
        List<String> calls = new ArrayList<>();
        PreparedStatement st = recorder(calls);

        int next = ChunkQuery.bindRange(st, new KeyOrder(k, null),
                new Object[] {1L, "x", LocalDate.of(2020, 7, 17)}, new Object[] {2L, "y", LocalDate.of(2021, 1, 2)});

        assertThat(next).isEqualTo(13);
        assertThat(calls).containsExactly(
                "1=1", "2=1", "3=x", "4=1", "5=x", "6=2020-07-17",
                "7=2", "8=2", "9=y", "10=2", "11=y", "12=2021-01-02");
    }

    @Test
    void bindsValuesAsTheServerComparesThem() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement st = recorder(calls);
        Column big = new Column("u", ColumnType.BIGINT, true, 0, 0, null, List.of());
        Column ts = Column.of("ts", ColumnType.TIMESTAMP);
        Column dt = Column.of("dt", ColumnType.DATETIME);
        Column tm = Column.of("tm", ColumnType.TIME);
        Column dec = Column.of("d", ColumnType.DECIMAL);
        KeyColumns k = key(false, STATE, big, ts, dt, tm, dec);
        KeyOrder order = new KeyOrder(k, null);

        ChunkQuery.bindValue(st, 1, order, 0, "paid");
        ChunkQuery.bindValue(st, 2, order, 1, new BigInteger("18446744073709551615"));
        ChunkQuery.bindValue(st, 3, order, 2, Instant.parse("2020-07-17T10:00:22.5Z"));
        ChunkQuery.bindValue(st, 4, order, 3, LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_456_000));
        ChunkQuery.bindValue(st, 5, order, 4, Duration.ofSeconds(-3_020_399, 0));
        ChunkQuery.bindValue(st, 6, order, 5, new BigDecimal("-12.50"));

        assertThat(calls).containsExactly(
                // an ENUM compared with a number compares by position, the order it sorts in
                "1=2",
                "2=18446744073709551615",
                // in UTC: Sluice's sessions use time_zone +00:00
                "3=2020-07-17 10:00:22.500000",
                "4=2020-07-17 18:00:22.123456",
                "5=-838:59:59.000000",
                "6=-12.50");
    }

    /** A statement that records {@code index=value} for each parameter set. */
    private static PreparedStatement recorder(List<String> calls) {
        return (PreparedStatement) Proxy.newProxyInstance(ChunkQueryTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("set") && args.length == 2) {
                        Object v = args[1];
                        calls.add(args[0] + "=" + (v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v));
                    }
                    return null;
                });
    }
}
