package io.sluice.sinks.common;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.date;
import static io.sluice.sinks.common.TestRows.datetime;
import static io.sluice.sinks.common.TestRows.decimal;
import static io.sluice.sinks.common.TestRows.string;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random stream of row changes over several tables (inserts, updates, deletes, re-inserts of
 * deleted keys, primary key changes) together with the rows the source holds at the end: the
 * model a sink's target is compared with.
 */
public final class Workload {
    private final List<TableSchema> tables;
    private final List<Event> events = new ArrayList<>();
    private final Map<TableId, Map<List<Object>, Object[]>> model = new LinkedHashMap<>();
    private final Map<TableId, List<List<Object>>> liveKeys = new HashMap<>();
    private final Map<TableId, List<List<Object>>> deadKeys = new HashMap<>();
    private final Map<TableId, long[]> nextId = new HashMap<>();
    private final Random random;

    private Workload(List<TableSchema> tables, long seed) {
        this.tables = tables;
        this.random = new Random(seed);
        for (TableSchema t : tables) {
            model.put(t.id(), new LinkedHashMap<>());
            liveKeys.put(t.id(), new ArrayList<>());
            deadKeys.put(t.id(), new ArrayList<>());
            nextId.put(t.id(), new long[] {1});
        }
    }

    /** Three tables in {@code db}: users and orders keyed by id, order_lines keyed by (order_id, line). */
    public static List<TableSchema> standardTables(String db) {
        return List.of(
                TestRows.schema(db, "users", List.of(bigint("id"), string("name"), string("email"),
                        decimal("score", 10, 2), datetime("updated", 3)), "id"),
                TestRows.schema(db, "orders", List.of(bigint("id"), bigint("user_id"), decimal("amount", 12, 4),
                        string("status"), date("created")), "id"),
                TestRows.schema(db, "order_lines", List.of(bigint("order_id"), bigint("line"), string("sku"),
                        bigint("qty")), "order_id", "line"));
    }

    /** {@code changes} random changes; {@code keyChanges} allows updates of single-column keys. */
    public static Workload random(List<TableSchema> tables, int changes, long seed, boolean keyChanges) {
        Workload w = new Workload(tables, seed);
        for (int i = 0; i < changes; i++) {
            w.step(keyChanges);
        }
        return w;
    }

    public List<Event> events() {
        return events;
    }

    public List<TableSchema> tables() {
        return tables;
    }

    /** The rows of a table at the end, by key values (in key order). */
    public Map<List<Object>, Object[]> rows(TableId table) {
        return model.get(table);
    }

    public int totalRows() {
        return model.values().stream().mapToInt(Map::size).sum();
    }

    private void step(boolean keyChanges) {
        TableSchema t = tables.get(random.nextInt(tables.size()));
        List<List<Object>> live = liveKeys.get(t.id());
        int dice = random.nextInt(100);
        if (live.size() < 20 || dice < 40) {
            insert(t);
        } else if (dice < 80) {
            update(t, false);
        } else if (dice < 95 || !keyChanges || t.keyIndexes().length != 1) {
            delete(t);
        } else {
            update(t, true);
        }
    }

    private void insert(TableSchema t) {
        List<List<Object>> dead = deadKeys.get(t.id());
        List<Object> key;
        if (!dead.isEmpty() && random.nextInt(5) == 0) {
            key = dead.remove(random.nextInt(dead.size()));
        } else {
            key = freshKey(t);
        }
        Object[] row = randomRow(t, key);
        events.add(TestRows.insert(t, row));
        liveKeys.get(t.id()).add(key);
        model.get(t.id()).put(key, row);
    }

    private void update(TableSchema t, boolean changeKey) {
        List<List<Object>> live = liveKeys.get(t.id());
        int slot = random.nextInt(live.size());
        List<Object> key = live.get(slot);
        Object[] before = model.get(t.id()).get(key);
        List<Object> newKey = changeKey ? freshKey(t) : key;
        Object[] after = randomRow(t, newKey);
        for (int i = 0; i < after.length; i++) {
            if (random.nextInt(3) == 0 && !isKey(t, i)) {
                after[i] = before[i];
            }
        }
        events.add(TestRows.update(t, before, after));
        model.get(t.id()).remove(key);
        model.get(t.id()).put(newKey, after);
        if (changeKey) {
            live.set(slot, newKey);
            deadKeys.get(t.id()).add(key);
        }
    }

    private void delete(TableSchema t) {
        List<List<Object>> live = liveKeys.get(t.id());
        List<Object> key = live.remove(random.nextInt(live.size()));
        Object[] before = model.get(t.id()).remove(key);
        events.add(TestRows.delete(t, before));
        deadKeys.get(t.id()).add(key);
    }

    private static boolean isKey(TableSchema t, int index) {
        return Arrays.stream(t.keyIndexes()).anyMatch(k -> k == index);
    }

    private List<Object> freshKey(TableSchema t) {
        long id = nextId.get(t.id())[0]++;
        if (t.keyIndexes().length == 1) {
            return List.of(id);
        }
        return List.of(1 + id / 4, id % 4);
    }

    private Object[] randomRow(TableSchema t, List<Object> key) {
        Object[] row = new Object[t.size()];
        for (int i = 0; i < t.size(); i++) {
            row[i] = randomValue(t.column(i));
        }
        int[] keys = t.keyIndexes();
        for (int k = 0; k < keys.length; k++) {
            row[keys[k]] = key.get(k);
        }
        return row;
    }

    private Object randomValue(io.sluice.event.Column column) {
        boolean nullable = column.name().equals("email") || column.name().equals("status");
        if (nullable && random.nextInt(5) == 0) {
            return null;
        }
        switch (column.type()) {
            case BIGINT:
                return (long) random.nextInt(1_000_000) - 1000;
            case DECIMAL:
                return BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, column.scale());
            case DATETIME:
                return LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(random.nextInt(100_000_000))
                        .plusNanos(random.nextInt(1000) * 1_000_000L);
            case DATE:
                return LocalDate.of(2000, 1, 1).plusDays(random.nextInt(10_000));
            default:
                return randomText();
        }
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789_-éüß中文\"'\\";

    private String randomText() {
        int length = 1 + random.nextInt(16);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
