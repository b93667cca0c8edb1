package io.sluice.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.source.BinlogSource;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;
import io.sluice.testkit.MariaDbServer;
import io.sluice.transforms.aggregate.AggFunction;
import io.sluice.transforms.aggregate.Aggregate;
import io.sluice.transforms.aggregate.AggregateSpec;
import io.sluice.transforms.aggregate.MeasureSpec;
import io.sluice.event.ColumnSelection;
import io.sluice.transforms.filter.FilterSpec;
import io.sluice.transforms.filter.Filters;
import io.sluice.transforms.join.ChildSpec;
import io.sluice.transforms.join.Join;
import io.sluice.transforms.join.JoinOutput;
import io.sluice.transforms.join.JoinSpec;
import io.sluice.transforms.join.LookupSpec;
import io.sluice.transforms.route.RouteSpec;
import io.sluice.transforms.route.Routes;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The randomized test on a real MariaDB: thousands of random inserts, updates (with key
 * changes) and deletes over buyers, products, sharded orders and items, read from the binlog by
 * {@link BinlogSource} and run through filters, a shard-merging route, a join (buyer lookup,
 * items with a nested product lookup) and two aggregates, with RocksDB state and failures that
 * force restores from checkpoints; at the end every document and every aggregate row equals the
 * same join and GROUP BY computed by SQL on the final tables.
 */
class ShopTransformsITCase {
    private static final long SERVER_ID = 6400 + ProcessHandle.current().pid() % 1000;

    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @SuppressWarnings("deprecation")
    void documentsAndAggregatesEqualSqlOnTheFinalTables() throws Exception {
        String db = server.createDatabase("shop");
        ShopWorkload workload = new ShopWorkload(server, db, 2024);
        workload.createTables();
        StartupOptions start = now();
        workload.run(3000);

        BinlogSourceConfig config = BinlogSourceConfig.builder()
                .hostname(server.host()).port(server.port()).username(server.user()).password(server.password())
                .serverId(SERVER_ID).tables(db + "\\..*", null)
                .startup(start).stopAt(StopOptions.atLatest()).build();

        FailingMap.reset();
        Random random = new Random(99);
        long[] failAt = {400 + random.nextInt(600), 1200 + random.nextInt(600), 2200 + random.nextInt(600)};
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(150);
        env.setStateBackend(new EmbeddedRocksDBStateBackend());
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failAt.length + 2, Time.milliseconds(100)));

        DataStream<Event> events = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                .setParallelism(1)
                .map(new FailingMap(failAt), EventTypeInfo.INSTANCE).setParallelism(1).name("failures");
        DataStream<Event> filtered = Filters.apply(events, List.of(FilterSpec.on(db + "\\.orders_\\d")
                .withWhere("status != 'DRAFT'")
                .withColumns(ColumnSelection.exclude(List.of("note")))), "filters");
        DataStream<Event> logical = Routes.apply(filtered,
                List.of(RouteSpec.merge(db + "\\.orders_\\d", db + ".orders")), "routes");
        DataStream<Event> docs = Join.apply(logical, orderDocs(db), "order-doc");
        DataStream<Event> daily = Aggregate.apply(logical, buyerDaily(db), "buyer-daily");
        DataStream<Event> sales = Aggregate.apply(logical, productSales(db), "product-sales");

        Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
        try (CloseableIterator<Event> it = docs.union(daily, sales).executeAndCollect("shop transforms")) {
            it.forEachRemaining(e -> apply(tables, (RowChange) e));
        }
        assertThat(FailingMap.RESTORES.get()).as("restores from checkpoints").isGreaterThanOrEqualTo(failAt.length);

        assertSameRows(tables.getOrDefault("order_doc", Map.of()), expectedDocuments(db), "order_doc");
        assertSameRows(tables.getOrDefault("buyer_daily", Map.of()), query(db,
                "SELECT buyer_id, DATE(created_at) AS day, COUNT(*) AS orders, SUM(amount) AS gmv, MIN(amount) AS smallest,"
                        + " MAX(amount) AS largest, AVG(amount) AS average, COUNT(DISTINCT status) AS statuses,"
                        + " COUNT(amount) AS priced FROM (" + ordersView() + ") o GROUP BY buyer_id, DATE(created_at)",
                "buyer_id", "day"), "buyer_daily");
        assertSameRows(tables.getOrDefault("product_sales", Map.of()), query(db,
                "SELECT product_id, SUM(qty) AS units, COUNT(*) AS line_count, MAX(qty) AS biggest FROM items"
                        + " GROUP BY product_id", "product_id"), "product_sales");
    }

    /**
     * A restore in the middle of a snapshot chunk reads the chunk again, so rows emitted before the
     * checkpoint come again: sum, count and count_distinct must count each row once (issue 20,
     * item 3; they counted the repeated rows twice before each row's contribution was kept).
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @SuppressWarnings("deprecation")
    void aggregatesCountEachRowOnceWhenARestoreReadsASnapshotChunkAgain() throws Exception {
        String db = server.createDatabase("aggrestore");
        int rows = 6_000;
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, grp INT, amount DECIMAL(10,2), tag VARCHAR(10))",
                "INSERT INTO t SELECT seq, seq % 40, seq * 0.25, CONCAT('t', seq % 7) FROM seq_1_to_" + rows);
        BinlogSourceConfig config = BinlogSourceConfig.builder()
                .hostname(server.host()).port(server.port()).username(server.user()).password(server.password())
                .serverIdRange(SERVER_ID + 1, SERVER_ID + 2).tables(db + "\\.t", null)
                .startup(StartupOptions.initial()).chunkSize(700).stopAt(StopOptions.atLatest()).build();

        FailingMap.reset();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(100);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(5, Time.milliseconds(100)));
        DataStream<Event> events = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                .map(new FailingMap(1_000, 2_900, 4_700), EventTypeInfo.INSTANCE).name("failures");
        Map<String, MeasureSpec> measures = new LinkedHashMap<>();
        measures.put("total", MeasureSpec.of(AggFunction.SUM, "amount"));
        measures.put("n", MeasureSpec.count());
        measures.put("tags", MeasureSpec.of(AggFunction.COUNT_DISTINCT, "tag"));
        DataStream<Event> groups = Aggregate.apply(events,
                new AggregateSpec("groups", db + ".t", linked("grp", "grp"), measures), "groups");

        Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
        try (CloseableIterator<Event> it = groups.executeAndCollect("aggregate restore")) {
            it.forEachRemaining(e -> apply(tables, (RowChange) e));
        }
        assertThat(FailingMap.RESTORES.get()).as("restores from checkpoints").isGreaterThanOrEqualTo(3);
        assertThat(FailingMap.SEEN.get()).as("rows read again after a restore").isGreaterThan(rows);
        assertSameRows(tables.getOrDefault("groups", Map.of()), query(db,
                "SELECT grp, SUM(amount) AS total, COUNT(*) AS n, COUNT(DISTINCT tag) AS tags FROM t GROUP BY grp",
                "grp"), "groups");
    }

    private static JoinSpec orderDocs(String db) {
        LookupSpec buyer = new LookupSpec(TableId.parse(db + ".buyers"), Map.of("buyer_id", "id"),
                linked("name", "buyer_name", "level", "buyer_level"));
        LookupSpec product = new LookupSpec(TableId.parse(db + ".products"), Map.of("product_id", "id"),
                linked("title", "product_title", "price", "price"));
        ChildSpec items = new ChildSpec(TableId.parse(db + ".items"), Map.of("id", "order_id"), "items",
                linked("id", "item_id", "qty", "qty"), List.of(product));
        return new JoinSpec("order_doc", TableId.parse(db + ".orders"), List.of(buyer), List.of(items), JoinOutput.FULL);
    }

    private static AggregateSpec buyerDaily(String db) {
        Map<String, MeasureSpec> m = new LinkedHashMap<>();
        m.put("orders", MeasureSpec.count());
        m.put("gmv", MeasureSpec.of(AggFunction.SUM, "amount"));
        m.put("smallest", MeasureSpec.of(AggFunction.MIN, "amount"));
        m.put("largest", MeasureSpec.of(AggFunction.MAX, "amount"));
        m.put("average", MeasureSpec.of(AggFunction.AVG, "amount"));
        m.put("statuses", MeasureSpec.of(AggFunction.COUNT_DISTINCT, "status"));
        m.put("priced", MeasureSpec.of(AggFunction.COUNT, "amount"));
        return new AggregateSpec("buyer_daily", db + ".orders", linked("buyer_id", "buyer_id", "day", "date(created_at)"), m);
    }

    private static AggregateSpec productSales(String db) {
        Map<String, MeasureSpec> m = new LinkedHashMap<>();
        m.put("units", MeasureSpec.of(AggFunction.SUM, "qty"));
        m.put("line_count", MeasureSpec.count());
        m.put("biggest", MeasureSpec.of(AggFunction.MAX, "qty"));
        return new AggregateSpec("product_sales", db + ".items", linked("product_id", "product_id"), m);
    }

    private static String ordersView() {
        String columns = "id, buyer_id, status, amount, created_at";
        return "SELECT " + columns + " FROM orders_0 WHERE status <> 'DRAFT' UNION ALL SELECT " + columns
                + " FROM orders_1 WHERE status <> 'DRAFT'";
    }

    /** The documents by SQL: orders LEFT JOIN buyers, items LEFT JOIN products, assembled by order. */
    private Map<String, Map<String, Object>> expectedDocuments(String db) throws Exception {
        Map<String, Map<String, Object>> docs = query(db, "SELECT o.id, o.buyer_id, o.status, o.amount, o.created_at,"
                + " b.name AS buyer_name, b.level AS buyer_level FROM (" + ordersView() + ") o"
                + " LEFT JOIN buyers b ON b.id = o.buyer_id", "id");
        docs.values().forEach(d -> d.put("items", new ArrayList<>()));
        Map<String, Map<String, Object>> items = query(db, "SELECT i.order_id, i.id AS item_id, i.qty,"
                + " p.title AS product_title, p.price FROM items i LEFT JOIN products p ON p.id = i.product_id"
                + " ORDER BY i.id", "item_id");
        for (Map<String, Object> item : items.values()) {
            Object orderId = item.remove("order_id");
            Map<String, Object> doc = orderId == null ? null : docs.get(KeyCodec.encode(orderId));
            if (doc != null) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) doc.get("items");
                list.add(item);
            }
        }
        return docs;
    }

    /** Rows of a query by their encoded key columns, values as events carry them. */
    private Map<String, Map<String, Object>> query(String db, String sql, String... key) throws Exception {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>(); // in the query's order
        try (Connection c = server.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date) {
                        v = rs.getObject(i, LocalDate.class);
                    } else if (v instanceof java.sql.Timestamp || v instanceof LocalDateTime) {
                        v = rs.getObject(i, LocalDateTime.class);
                    }
                    row.put(md.getColumnLabel(i), v);
                }
                Object[] keyValues = new Object[key.length];
                for (int i = 0; i < key.length; i++) {
                    keyValues[i] = row.get(key[i]);
                }
                rows.put(KeyCodec.encode(keyValues), row);
            }
        }
        return rows;
    }

    /** Applies an output row change to the tables a sink would hold, checking the ops are consistent. */
    private static void apply(Map<String, Map<String, Map<String, Object>>> tables, RowChange r) {
        Map<String, Map<String, Object>> table = tables.computeIfAbsent(r.table().table(), t -> new TreeMap<>());
        String key = KeyCodec.encode(RowChange.keyOf(r.schema(), r.current()));
        Map<String, Object> row = new LinkedHashMap<>();
        if (r.after() != null) {
            for (int i = 0; i < r.schema().size(); i++) {
                row.put(r.schema().column(i).name(), r.after()[i]);
            }
        }
        Map<String, Object> previous = r.op() == Op.DELETE ? table.remove(key) : table.put(key, row);
        if ((previous == null) != (r.op() == Op.INSERT)) {
            throw new AssertionError(r.op() + " of " + r.table() + " key " + key + " but the sink had " + previous);
        }
    }

    private static void assertSameRows(Map<String, Map<String, Object>> actual, Map<String, Map<String, Object>> expected,
            String what) {
        assertThat(expected).as(what + " has rows").hasSizeGreaterThan(20);
        assertThat(actual.keySet()).as(what + " keys").isEqualTo(expected.keySet());
        expected.forEach((key, row) -> assertThat(canonical(actual.get(key))).as(what + " " + key)
                .isEqualTo(canonical(row)));
    }

    /** Numbers as exact decimals without trailing zeros, recursively, so INT vs BIGINT vs DECIMAL SUM compare by value. */
    private static Object canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, canonical(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ShopTransformsITCase::canonical).toList();
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return v;
    }

    private StartupOptions now() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return StartupOptions.position(rs.getString(1), rs.getLong(2));
        }
    }

    private static <V> Map<String, V> linked(Object... pairs) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) pairs[i + 1];
            m.put((String) pairs[i], value);
        }
        return m;
    }
}
