package io.sluice.transforms.join;

import static io.sluice.transforms.join.JoinTest.BUYERS;
import static io.sluice.transforms.join.JoinTest.COUNTRIES;
import static io.sluice.transforms.join.JoinTest.ITEMS;
import static io.sluice.transforms.join.JoinTest.ORDERS;
import static io.sluice.transforms.join.JoinTest.PRODUCTS;
import static io.sluice.transforms.join.JoinTest.linkedObjects;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.transforms.Rows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Thousands of random inserts, updates (with key changes) and deletes over five tables, delivered
 * through the join's operators in random interleavings with checkpoints and restores; at the end
 * every document equals the join recomputed from the final tables.
 */
class RandomJoinTest {

    /** The tables as the source holds them: schema and rows by primary key. */
    private static final class Table {
        final TableSchema schema;
        final TreeMap<Long, Object[]> rows = new TreeMap<>();

        Table(TableSchema schema) {
            this.schema = schema;
        }
    }

    @ParameterizedTest
    @CsvSource({"11, FULL", "12, PARTIAL", "13, FULL"})
    void documentsEqualTheJoinOfTheFinalTables(long seed, JoinOutput output) throws Exception {
        Random random = new Random(seed);
        Table orders = new Table(ORDERS);
        Table buyers = new Table(BUYERS);
        Table countries = new Table(COUNTRIES);
        Table items = new Table(ITEMS);
        Table products = new Table(PRODUCTS);
        List<Table> tables = List.of(orders, buyers, countries, items, products);
        try (JoinSimulation sim = new JoinSimulation(JoinTest.orderDocs(output), seed)) {
            for (int step = 0; step < 3000; step++) {
                Table t = tables.get(random.nextInt(tables.size()));
                change(sim, t, random);
                if (step % 400 == 399) {
                    sim.restart();
                }
            }
            Map<Long, Map<String, Object>> expected = expected(orders, buyers, countries, items, products);
            Map<Long, Map<String, Object>> actual = new TreeMap<>();
            sim.documents.values().forEach(doc -> actual.put((Long) doc.get("id"), asMap(doc)));
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((id, doc) -> assertThat(actual.get(id)).as("order " + id).isEqualTo(doc));
            assertThat(expected).hasSizeGreaterThan(10);
        }
    }

    private static void change(JoinSimulation sim, Table t, Random random) throws Exception {
        int dice = random.nextInt(10);
        if (t.rows.size() >= 40 && dice < 4) {
            dice = 9; // keep ids available: delete instead of insert
        }
        if (t.rows.isEmpty() || dice < 4) {
            long id = freeId(t, random);
            Object[] r = randomRow(t, id, random);
            t.rows.put(id, r);
            sim.feed(Rows.insert(t.schema, r));
            return;
        }
        List<Long> ids = new ArrayList<>(t.rows.keySet());
        long id = ids.get(random.nextInt(ids.size()));
        Object[] old = t.rows.remove(id);
        if (dice < 8) {
            long newId = dice == 7 ? freeId(t, random) : id; // 7: the primary key changes
            Object[] r = random.nextBoolean() ? randomRow(t, newId, random) : tweak(old, newId, random);
            t.rows.put(newId, r);
            sim.feed(Rows.update(t.schema, old, r));
        } else {
            sim.feed(Rows.delete(t.schema, old));
        }
    }

    private static long freeId(Table t, Random random) {
        long id;
        do {
            id = 1 + random.nextInt(60);
        } while (t.rows.containsKey(id));
        return id;
    }

    /** Foreign keys point at ids 1..40 (some missing rows), or null now and then. */
    private static Long ref(Random random) {
        return random.nextInt(12) == 0 ? null : (long) (1 + random.nextInt(40));
    }

    private static Object[] randomRow(Table t, long id, Random random) {
        switch (t.schema.id().table()) {
            case "orders":
                return Rows.row(id, ref(random), "S" + random.nextInt(5));
            case "buyers":
                return Rows.row(id, "B" + random.nextInt(100), ref(random));
            case "countries":
                return Rows.row(id, "C" + random.nextInt(100));
            case "items":
                return Rows.row(id, ref(random), ref(random), (long) random.nextInt(9));
            default:
                return Rows.row(id, "P" + random.nextInt(100));
        }
    }

    /** Changes one non-key column, or only the key. */
    private static Object[] tweak(Object[] old, long newId, Random random) {
        Object[] r = old.clone();
        r[0] = newId;
        int column = 1 + random.nextInt(r.length - 1);
        r[column] = r[column] instanceof String s ? s + "x" : ref(random);
        return r;
    }

    private static Map<Long, Map<String, Object>> expected(Table orders, Table buyers, Table countries, Table items,
            Table products) {
        Map<Long, Map<String, Object>> docs = new TreeMap<>();
        for (Object[] o : orders.rows.values()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", o[0]);
            doc.put("buyer_id", o[1]);
            doc.put("status", o[2]);
            Object[] buyer = o[1] == null ? null : buyers.rows.get((Long) o[1]);
            doc.put("buyer_name", buyer == null ? null : buyer[1]);
            Object[] country = buyer == null || buyer[2] == null ? null : countries.rows.get((Long) buyer[2]);
            doc.put("country", country == null ? null : country[1]);
            List<Object> elements = new ArrayList<>();
            for (Object[] item : items.rows.values()) { // ordered by item id
                if (Objects.equals(item[1], o[0])) {
                    Object[] product = item[2] == null ? null : products.rows.get((Long) item[2]);
                    elements.add(linkedObjects("item_id", item[0], "qty", item[3], "title",
                            product == null ? null : product[1]));
                }
            }
            doc.put("items", elements);
            docs.put((Long) o[0], doc);
        }
        return docs;
    }

    private static Map<String, Object> asMap(RowChange doc) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < doc.schema().size(); i++) {
            m.put(doc.schema().column(i).name(), doc.after()[i]);
        }
        return m;
    }
}
