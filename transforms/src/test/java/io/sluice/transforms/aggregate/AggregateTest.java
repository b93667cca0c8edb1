package io.sluice.transforms.aggregate;

import static io.sluice.transforms.Rows.delete;
import static io.sluice.transforms.Rows.insert;
import static io.sluice.transforms.Rows.row;
import static io.sluice.transforms.Rows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.event.SourceInfo;
import io.sluice.transforms.Rows;
import io.sluice.transforms.state.KeyCodec;
import io.sluice.transforms.state.ValueComparator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

class AggregateTest {
    private static final TableSchema ORDERS = Rows.schema("shop.orders",
            "id", "seller_id", "amount:DECIMAL:2", "created_at:DATETIME", "buyer_id", "weight:DOUBLE");

    private static Map<String, MeasureSpec> measures() {
        Map<String, MeasureSpec> m = new LinkedHashMap<>();
        m.put("orders", MeasureSpec.count());
        m.put("gmv", MeasureSpec.of(AggFunction.SUM, "amount"));
        m.put("smallest", MeasureSpec.of(AggFunction.MIN, "amount"));
        m.put("largest", MeasureSpec.of(AggFunction.MAX, "amount"));
        m.put("average", MeasureSpec.of(AggFunction.AVG, "amount"));
        m.put("buyers", MeasureSpec.of(AggFunction.COUNT_DISTINCT, "buyer_id"));
        m.put("with_amount", MeasureSpec.of(AggFunction.COUNT, "amount"));
        m.put("weight", MeasureSpec.of(AggFunction.SUM, "weight"));
        return m;
    }

    private static AggregateSpec sellerDaily() {
        Map<String, String> groupBy = new LinkedHashMap<>();
        groupBy.put("seller_id", "seller_id");
        groupBy.put("day", "date(created_at)");
        return new AggregateSpec("seller_daily", "shop.orders", groupBy, measures());
    }

    private static Object[] order(long id, long seller, String amount, int day, long buyer) {
        return row(id, seller, amount == null ? null : new BigDecimal(amount),
                LocalDateTime.of(2024, 5, day, 10, 0), buyer, 0.1);
    }

    @Test
    void groupsAreUpsertedWithAbsoluteValuesAndDeletedWhenEmpty() throws Exception {
        try (AggregateHarness h = new AggregateHarness(sellerDaily())) {
            RowChange first = h.feed(insert(ORDERS, order(1, 7, "10.00", 1, 100))).get(0);
            assertThat(first.op()).isEqualTo(Op.INSERT);
            assertThat(first.table()).isEqualTo(TableId.parse("shop.seller_daily"));
            assertThat(first.schema().keyColumns()).containsExactly("seller_id", "day");
            assertThat(first.schema().columnNames()).containsExactly("seller_id", "day", "orders", "gmv", "smallest",
                    "largest", "average", "buyers", "with_amount", "weight");
            assertThat(first.schema().column(1).type()).isEqualTo(ColumnType.DATE);
            assertThat(first.after()).containsExactly(7L, LocalDate.of(2024, 5, 1), 1L, new BigDecimal("10.00"),
                    new BigDecimal("10.00"), new BigDecimal("10.00"), new BigDecimal("10.000000"), 1L, 1L, 0.1);

            h.feed(insert(ORDERS, order(2, 7, "30.00", 1, 100)));
            RowChange third = h.feed(insert(ORDERS, order(3, 7, "5.00", 1, 101))).get(0);
            assertThat(third.op()).isEqualTo(Op.UPDATE);
            assertThat(third.after()).containsExactly(7L, LocalDate.of(2024, 5, 1), 3L, new BigDecimal("45.00"),
                    new BigDecimal("5.00"), new BigDecimal("30.00"), new BigDecimal("15.000000"), 2L, 3L,
                    0.30000000000000004);

            // retract the min: min moves up; delete the max: max moves down
            h.feed(delete(ORDERS, order(3, 7, "5.00", 1, 101)));
            RowChange afterMaxGone = h.feed(delete(ORDERS, order(2, 7, "30.00", 1, 100))).get(0);
            assertThat(afterMaxGone.after()).containsExactly(7L, LocalDate.of(2024, 5, 1), 1L,
                    new BigDecimal("10.00"), new BigDecimal("10.00"), new BigDecimal("10.00"),
                    new BigDecimal("10.000000"), 1L, 1L, 0.1);

            // moving the last row to another day deletes the old group and creates the new one
            List<RowChange> moved = h.feed(update(ORDERS, order(1, 7, "10.00", 1, 100), order(1, 7, "10.00", 2, 100)));
            assertThat(moved).extracting(RowChange::op).containsExactly(Op.DELETE, Op.INSERT);
            assertThat(moved.get(0).before()[1]).isEqualTo(LocalDate.of(2024, 5, 1));
            assertThat(moved.get(1).after()[1]).isEqualTo(LocalDate.of(2024, 5, 2));

            // an update inside a group is one emission; one that changes nothing measured is none
            h.feed(insert(ORDERS, order(4, 7, "1.00", 2, 100)));
            assertThat(h.feed(update(ORDERS, order(4, 7, "1.00", 2, 100), order(4, 7, "2.00", 2, 100)))).hasSize(1);
            Object[] same = order(4, 7, "2.00", 2, 100);
            Object[] touched = same.clone();
            touched[0] = 4L;
            assertThat(h.feed(update(ORDERS, same, touched))).isEmpty();

            h.feed(delete(ORDERS, order(4, 7, "2.00", 2, 100)));
            RowChange gone = h.feed(delete(ORDERS, order(1, 7, "10.00", 2, 100))).get(0);
            assertThat(gone.op()).isEqualTo(Op.DELETE);
            assertThat(h.table).isEmpty();
        }
    }

    @Test
    void nullsAreIgnoredByMeasuresAndCountedByCountStar() throws Exception {
        try (AggregateHarness h = new AggregateHarness(sellerDaily())) {
            h.feed(insert(ORDERS, order(1, 7, null, 1, 100)));
            RowChange r = h.emitted.get(0);
            assertThat(r.after()).containsExactly(7L, LocalDate.of(2024, 5, 1), 1L, null, null, null, null, 1L, 0L, 0.1);
            assertThat(r.schema().column(3).type()).isEqualTo(ColumnType.DECIMAL);
        }
    }

    @Test
    void globalGroupWithoutGroupBy() throws Exception {
        AggregateSpec spec = new AggregateSpec("totals", "shop.orders", Map.of(), Map.of("n", MeasureSpec.count()));
        try (AggregateHarness h = new AggregateHarness(spec)) {
            h.feed(insert(ORDERS, order(1, 7, "1.00", 1, 1)));
            h.feed(insert(ORDERS, order(2, 8, "1.00", 1, 1)));
            assertThat(h.table).hasSize(1);
            assertThat(h.table.values().iterator().next()).containsExactly(2L);
            assertThat(h.emitted.get(1).schema().keyColumns()).isEmpty();
        }
    }

    /** Rows of a table without a key all share one key: each change counts as the change says. */
    @Test
    void rowsOfATableWithoutAKeyAreCountedEach() throws Exception {
        TableSchema log = new TableSchema(io.sluice.event.TableId.parse("shop.log"), List.of(
                io.sluice.event.Column.of("kind", io.sluice.event.ColumnType.BIGINT),
                io.sluice.event.Column.of("n", io.sluice.event.ColumnType.BIGINT)), List.of());
        AggregateSpec spec = new AggregateSpec("kinds", "shop.log", Map.of("kind", "kind"),
                Map.of("rows", MeasureSpec.count()));
        try (AggregateHarness h = new AggregateHarness(spec)) {
            h.feed(insert(log, 1L, 10L));
            h.feed(insert(log, 2L, 20L));
            h.feed(insert(log, 1L, 30L));
            h.feed(io.sluice.transforms.Rows.delete(log, 1L, 10L));
            assertThat(h.table.values()).extracting(r -> r[0] + "=" + r[1]).containsExactlyInAnyOrder("1=1", "2=1");
        }
    }

    /**
     * A join's document is emitted with the source of whichever table set it off: it is still one
     * row, counted once whatever table its next emission names.
     */
    @Test
    void aJoinsDocumentIsOneRowWhateverTableSetItOff() throws Exception {
        TableSchema doc = Rows.schema("shop.doc", "id", "seller_id", "amount:DECIMAL:2");
        Map<String, MeasureSpec> perSeller = new LinkedHashMap<>();
        perSeller.put("docs", MeasureSpec.count());
        perSeller.put("total", MeasureSpec.of(AggFunction.SUM, "amount"));
        AggregateSpec spec = new AggregateSpec("per_seller", "doc", Map.of("seller_id", "seller_id"), perSeller);
        Object[] v1 = {1L, 7L, new BigDecimal("1.00")};
        Object[] v2 = {1L, 7L, new BigDecimal("2.00")};
        try (AggregateHarness h = new AggregateHarness(spec)) {
            h.feed(new RowChange(Op.INSERT, doc.id(), doc, null, v1, new SourceInfo("shop", "orders", 1, "b.1", 4,
                    null, 0, false)));
            h.feed(new RowChange(Op.UPDATE, doc.id(), doc, v1, v2, new SourceInfo("shop", "users", 1, "b.1", 8,
                    null, 0, false)));
            h.feed(new RowChange(Op.UPDATE, doc.id(), doc, v2, v1, new SourceInfo("shop", "orders", 1, "b.1", 9,
                    null, 0, false)));
            assertThat(h.table.values()).extracting(r -> r[0] + "=" + r[1] + "=" + r[2]).containsExactly("7=1=1.00");
        }
    }

    @Test
    void otherTablesAreIgnoredAndNonNumericSumsFail() throws Exception {
        TableSchema users = Rows.schema("shop.users", "id", "name:STRING");
        try (AggregateHarness h = new AggregateHarness(sellerDaily())) {
            assertThat(h.feed(insert(users, 1L, "ann"))).isEmpty();
        }
        AggregateSpec bad = new AggregateSpec("names", "shop.users", Map.of(),
                Map.of("total", MeasureSpec.of(AggFunction.SUM, "name")));
        try (AggregateHarness h = new AggregateHarness(bad)) {
            assertThatThrownBy(() -> h.feed(insert(users, 1L, "ann")))
                    .hasStackTraceContaining("sum(name) needs numbers, got String ann");
        }
    }

    @Test
    void specRejectsCollidingNamesAndMissingArguments() {
        assertThatThrownBy(() -> new AggregateSpec("a", "x.y", Map.of("n", "id"), Map.of("n", MeasureSpec.count())))
                .hasMessageContaining("'n' is both a group-by column and a measure");
        assertThatThrownBy(() -> new MeasureSpec(AggFunction.SUM, java.util.Optional.empty()))
                .hasMessageContaining("sum() needs an argument");
        assertThatThrownBy(() -> new AggregatePlan(new AggregateSpec("a", "x.y", Map.of("d", "date(("),
                Map.of("n", MeasureSpec.count())))).hasMessageContaining("invalid expression 'date(('");
    }

    /** Thousands of random changes with checkpoints and restores; the result equals a GROUP BY of the final rows. */
    @Test
    void randomChangesWithRestoresMatchARecomputation() throws Exception {
        Random random = new Random(7);
        Map<Long, Object[]> rows = new TreeMap<>();
        long nextId = 1;
        try (AggregateHarness h = new AggregateHarness(sellerDaily())) {
            for (int step = 0; step < 4000; step++) {
                int dice = random.nextInt(10);
                if (rows.isEmpty() || dice < 4) {
                    Object[] r = randomOrder(random, nextId++);
                    rows.put((Long) r[0], r);
                    h.feed(insert(ORDERS, r));
                } else {
                    List<Long> ids = new ArrayList<>(rows.keySet());
                    long id = ids.get(random.nextInt(ids.size()));
                    Object[] old = rows.get(id);
                    if (dice < 8) {
                        Object[] r = randomOrder(random, dice == 7 ? nextId++ : id); // 7: key change
                        rows.remove(id);
                        rows.put((Long) r[0], r);
                        h.feed(update(ORDERS, old, r));
                    } else {
                        rows.remove(id);
                        h.feed(delete(ORDERS, old));
                    }
                }
                if (step % 500 == 499) {
                    h.restart();
                }
            }
            Map<String, Object[]> expected = recompute(rows.values());
            assertThat(h.table.keySet()).isEqualTo(expected.keySet());
            for (Map.Entry<String, Object[]> e : expected.entrySet()) {
                assertThat(h.table.get(e.getKey())).as("group " + e.getKey()).containsExactly(e.getValue());
            }
        }
    }

    private static Object[] randomOrder(Random random, long id) {
        String amount = random.nextInt(8) == 0 ? null
                : BigDecimal.valueOf(random.nextInt(100_000), 2).toPlainString();
        Object[] r = order(id, random.nextInt(4), amount, 1 + random.nextInt(3), random.nextInt(6));
        r[5] = random.nextInt(5) == 0 ? null : random.nextInt(1000) / 8.0;
        return r;
    }

    /** The same GROUP BY, computed directly from the final rows. */
    private static Map<String, Object[]> recompute(java.util.Collection<Object[]> rows) {
        Map<String, List<Object[]>> groups = new HashMap<>();
        Map<String, Object[]> keys = new HashMap<>();
        for (Object[] r : rows) {
            Object[] key = row(r[1], ((LocalDateTime) r[3]).toLocalDate());
            String k = KeyCodec.encode(key);
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            keys.put(k, key);
        }
        Map<String, Object[]> out = new HashMap<>();
        groups.forEach((k, members) -> {
            List<BigDecimal> amounts = members.stream().map(r -> (BigDecimal) r[2]).filter(a -> a != null).toList();
            Set<Object> buyers = new HashSet<>();
            members.forEach(r -> buyers.add(r[4]));
            List<Double> weights = members.stream().map(r -> (Double) r[5]).filter(w -> w != null).toList();
            BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal weight = weights.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.put(k, new Object[] {keys.get(k)[0], keys.get(k)[1], (long) members.size(),
                amounts.isEmpty() ? null : sum,
                amounts.stream().min(ValueComparator.INSTANCE).orElse(null),
                amounts.stream().max(ValueComparator.INSTANCE).orElse(null),
                amounts.isEmpty() ? null : sum.divide(BigDecimal.valueOf(amounts.size()), 6, RoundingMode.HALF_UP),
                (long) buyers.size(), (long) amounts.size(), weights.isEmpty() ? null : weight.doubleValue()});
        });
        return out;
    }
}
