package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;
import io.sluice.testkit.ElasticsearchServer;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.RedisServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code jobs/examples/shop.yaml} end to end, bounded: a random workload on a sharded shop in a
 * real MariaDB (inserts, updates that move rows between groups, drafts placed, key changes,
 * deletes of orders, items and buyers), then the example job from the workload's start to the
 * binlog's end. Afterwards Redis holds every user, the report tables every SQL GROUP BY row in
 * its shard, and Elasticsearch every order document as the SQL join of the final tables.
 */
class ShopExampleITCase {

    private static final int SHARDS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static MariaDbServer db;
    private static RedisServer redis;

    @TempDir
    Path work;

    @BeforeAll
    static void startServers() {
        // Own servers: the example's fixed database names and Redis keys must not meet other tests'.
        db = MariaDbServer.builder().start();
        redis = RedisServer.builder().start();
    }

    @AfterAll
    static void stopServers() {
        if (redis != null) {
            redis.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theTargetsHoldWhatTheSourceHolds() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        createShop();
        String[] start = binlogEnd();
        new Workload(new Random(20261122)).run();

        JobConfig job = exampleJob(start, Map.of(
                "SHOP_DB_HOST", db.host(), "SHOP_DB_PORT", Integer.toString(db.port()),
                "SHOP_REDIS_HOST", redis.host(), "SHOP_REDIS_PORT", Integer.toString(redis.port()),
                "SHOP_ES_URL", es.url(), "SHOP_REPORT_URL", db.jdbcUrl()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(job.job()));
        new TopologyBuilder(job).build(env);
        env.execute(job.job().name());

        try (Stream<Path> rejected = Files.list(work.resolve("rejected"))) {
            assertThat(rejected).allSatisfy(file -> assertThat(file).isEmptyFile());
        }
        assertUsersInRedis();
        assertReportInJdbc();
        assertOrderDocumentsInElasticsearch(es);
    }

    /**
     * shop.yaml as written, started at the workload's first change and stopped at the binlog's end,
     * with its dead letters in the test's folder.
     */
    private JobConfig exampleJob(String[] start, Map<String, String> env) throws Exception {
        String yaml = Files.readString(Path.of("examples/shop.yaml"));
        String startup = "  startup: latest ";
        assertThat(yaml).contains(startup);
        yaml = yaml.replace(startup, "  startup: {file: " + start[0] + ", position: " + start[1] + "}\n"
                + "  stop-at: latest ");
        String deadLetters = "path: rejected/";
        assertThat(yaml).contains(deadLetters);
        yaml = yaml.replace(deadLetters, "path: " + work.resolve("rejected") + "/");
        return JobFiles.parse(yaml, "shop.yaml", env, work, List.of(),
                TopologyBuilder.CHECKS);
    }

    // --- the source -------------------------------------------------------------------------------

    private static void createShop() {
        db.execute(null, "CREATE DATABASE shop", "CREATE DATABASE shop_0", "CREATE DATABASE shop_1");
        db.execute("shop", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(60), email VARCHAR(100), "
                + "city VARCHAR(40))");
        for (int s = 0; s < SHARDS; s++) {
            db.execute(database(s), "CREATE TABLE " + table("orders", s) + " (id BIGINT PRIMARY KEY, user_id INT, "
                    + "seller_id INT, status VARCHAR(16) NOT NULL, amount DECIMAL(12,2), internal_note VARCHAR(200), "
                    + "created_at DATETIME(3))",
                    "CREATE TABLE " + table("order_items", s) + " (id BIGINT PRIMARY KEY, order_id BIGINT, "
                            + "sku VARCHAR(20), quantity INT, price DECIMAL(10,2))");
        }
    }

    private static String database(int shard) {
        return "shop_" + (shard / 2);
    }

    private static String table(String name, int shard) {
        return name + "_" + (shard % 2);
    }

    private static String shardOf(String name, long id) {
        int shard = (int) (id % SHARDS);
        return database(shard) + "." + table(name, shard);
    }

    private static String allShards(String name) {
        List<String> selects = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            selects.add("SELECT * FROM " + database(s) + "." + table(name, s));
        }
        return "(" + String.join(" UNION ALL ", selects) + ")";
    }

    /** Random changes of every kind; orders and their items live in the shard of the order id. */
    private static final class Workload {
        private final Random random;
        private final List<Long> orders = new ArrayList<>();
        private final Map<Long, Long> itemOrder = new HashMap<>();
        private long nextItem = 1;

        Workload(Random random) {
            this.random = random;
        }

        void run() {
            List<String> sql = new ArrayList<>();
            for (int u = 1; u <= 20; u++) {
                sql.add("INSERT INTO shop.users VALUES (" + u + ", 'user " + u + "', 'u" + u + "@example.com', "
                        + (u % 7 == 0 ? "NULL" : "'city " + (u % 5) + "'") + ")");
            }
            for (long o = 1; o <= 150; o++) {
                String status = random.nextInt(5) == 0 ? "DRAFT" : random.nextBoolean() ? "new" : "paid";
                sql.add("INSERT INTO " + shardOf("orders", o) + " VALUES (" + o + ", " + (1 + random.nextInt(20))
                        + ", " + (1 + random.nextInt(5)) + ", '" + status + "', " + money(500) + ", 'note " + o + "', "
                        + "'2026-11-" + (20 + random.nextInt(3)) + " 1" + random.nextInt(10) + ":00:00.250')");
                orders.add(o);
                for (int i = random.nextInt(4); i > 0; i--) {
                    addItem(sql, o);
                }
            }
            for (int n = 0; n < 200; n++) {
                change(sql);
            }
            db.execute(null, sql.toArray(new String[0]));
        }

        private void addItem(List<String> sql, long order) {
            long item = nextItem++;
            sql.add("INSERT INTO " + shardOf("order_items", order) + " VALUES (" + item + ", " + order + ", 'SKU-"
                    + random.nextInt(30) + "', " + (1 + random.nextInt(5)) + ", " + money(100) + ")");
            itemOrder.put(item, order);
        }

        private void change(List<String> sql) {
            long order = orders.get(random.nextInt(orders.size()));
            String orders = shardOf("orders", order);
            switch (random.nextInt(12)) {
                case 0, 1 -> sql.add("UPDATE " + orders + " SET status = IF(status = 'DRAFT', 'new', "
                        + "IF(status = 'new', 'paid', 'shipped')) WHERE id = " + order);
                case 2 -> sql.add("UPDATE " + orders + " SET status = 'DRAFT' WHERE id = " + order);
                case 3, 4 -> sql.add("UPDATE " + orders + " SET amount = " + money(500) + ", internal_note = 'changed' "
                        + "WHERE id = " + order);
                case 5 -> sql.add("UPDATE " + orders + " SET seller_id = " + (1 + random.nextInt(5)) + ", created_at = "
                        + "created_at + INTERVAL 1 DAY WHERE id = " + order);
                case 6 -> sql.add("UPDATE shop.users SET name = 'renamed " + random.nextInt(100) + "', city = 'moved' "
                        + "WHERE id = " + (1 + random.nextInt(20)));
                case 7 -> addItem(sql, order);
                case 8 -> {
                    if (!itemOrder.isEmpty()) {
                        List<Long> items = new ArrayList<>(itemOrder.keySet());
                        long item = items.get(random.nextInt(items.size()));
                        sql.add("DELETE FROM " + shardOf("order_items", itemOrder.remove(item)) + " WHERE id = " + item);
                    }
                }
                case 9 -> {
                    sql.add("DELETE FROM " + orders + " WHERE id = " + order);
                    this.orders.remove(order);
                }
                case 10 -> {
                    // A new key in the same shard (+1000 keeps id % 4): a delete and an insert downstream.
                    long moved = order + 1000 * (1 + random.nextInt(3));
                    if (!this.orders.contains(moved)) {
                        sql.add("UPDATE " + orders + " SET id = " + moved + " WHERE id = " + order);
                        this.orders.set(this.orders.indexOf(order), moved);
                    }
                }
                default -> sql.add("UPDATE " + orders + " SET user_id = " + (1 + random.nextInt(22)) + " WHERE id = "
                        + order);
            }
            if (random.nextInt(100) == 0) {
                sql.add("DELETE FROM shop.users WHERE id = " + (1 + random.nextInt(20)));
            }
        }

        private String money(int max) {
            return BigDecimal.valueOf(random.nextInt(max * 100) + 1, 2).toPlainString();
        }
    }

    private static String[] binlogEnd() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW MASTER STATUS")) {
            r.next();
            return new String[] {r.getString(1), Long.toString(r.getLong(2))};
        }
    }

    private static List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    // --- the targets ------------------------------------------------------------------------------

    private static void assertUsersInRedis() throws SQLException {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (Map<String, Object> user : query("SELECT id, name, email, city FROM shop.users")) {
            Map<String, String> hash = new TreeMap<>();
            user.forEach((column, value) -> {
                if (value != null) {
                    hash.put(column, value.toString());
                }
            });
            expected.put("user:" + user.get("id"), hash);
        }
        assertThat(expected).hasSizeGreaterThan(15);
        Map<String, Map<String, String>> actual = new TreeMap<>();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (String key : jedis.keys("*")) {
                actual.put(key, new TreeMap<>(jedis.hgetAll(key)));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static void assertReportInJdbc() throws SQLException {
        List<String> expected = rows(query("SELECT seller_id, DATE(created_at) AS day, SUM(amount) AS gmv, "
                + "COUNT(*) AS orders, COUNT(DISTINCT user_id) AS buyers, MAX(amount) AS biggest FROM "
                + allShards("orders") + " o WHERE status <> 'DRAFT' GROUP BY seller_id, DATE(created_at)"));
        assertThat(expected).hasSizeGreaterThan(10);
        List<String> actual = new ArrayList<>();
        for (int shard = 0; shard < 2; shard++) {
            List<Map<String, Object>> rows = query("SELECT seller_id, day, gmv, orders, buyers, biggest FROM "
                    + "report.seller_daily_" + shard);
            int expectedShard = shard;
            assertThat(rows).allSatisfy(r -> assertThat(((Number) r.get("seller_id")).intValue() % 2)
                    .isEqualTo(expectedShard));
            actual.addAll(rows(rows));
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Rows as text, numbers without trailing zeros, so a DECIMAL(12,2) and a DECIMAL(40,2) compare equal. */
    private static List<String> rows(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.values().stream().map(ShopExampleITCase::text)
                .collect(Collectors.joining(" | "))).toList();
    }

    private static String text(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static void assertOrderDocumentsInElasticsearch(ElasticsearchServer es) throws Exception {
        Map<Object, Map<String, Object>> users = new HashMap<>();
        query("SELECT id, name, city FROM shop.users").forEach(u -> users.put(u.get("id"), u));
        Map<Long, List<String>> items = new HashMap<>();
        for (Map<String, Object> item : query("SELECT * FROM " + allShards("order_items") + " i ORDER BY id")) {
            items.computeIfAbsent(((Number) item.get("order_id")).longValue(), k -> new ArrayList<>())
                    .add(item.get("id") + " " + item.get("sku") + " x" + item.get("quantity") + " @" + text(item.get("price")));
        }
        Map<Long, String> expected = new TreeMap<>();
        for (Map<String, Object> order : query("SELECT id, user_id, seller_id, status, amount FROM "
                + allShards("orders") + " o WHERE status <> 'DRAFT'")) {
            long id = ((Number) order.get("id")).longValue();
            Map<String, Object> buyer = users.getOrDefault(order.get("user_id"), Map.of());
            expected.put(id, order.get("status") + " " + text(order.get("amount")) + " seller " + order.get("seller_id")
                    + " buyer " + buyer.get("name") + " in " + buyer.get("city") + " items " + items.getOrDefault(id, List.of()));
        }
        assertThat(expected).hasSizeGreaterThan(50);

        es.request("POST", "/orders/_refresh", null);
        JsonNode hits = JSON.readTree(es.request("GET", "/orders/_search?size=10000", null)).get("hits").get("hits");
        Map<Long, String> actual = new TreeMap<>();
        for (JsonNode hit : hits) {
            JsonNode doc = hit.get("_source");
            long id = doc.get("id").asLong();
            assertThat(hit.get("_id").asText()).isEqualTo(Long.toString(id));
            assertThat(doc.has("internal_note")).as("the filter drops internal_note").isFalse();
            List<String> docItems = new ArrayList<>();
            for (JsonNode item : doc.get("items")) {
                docItems.add(item.get("id").asText() + " " + item.get("sku").asText() + " x" + item.get("quantity").asText()
                        + " @" + text(new BigDecimal(item.get("price").asText())));
            }
            actual.put(id, doc.get("status").asText() + " " + text(new BigDecimal(doc.get("amount").asText()))
                    + " seller " + doc.get("seller_id").asText() + " buyer " + nullable(doc.get("buyer_name"))
                    + " in " + nullable(doc.get("buyer_city")) + " items " + docItems);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String nullable(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asText();
    }
}
