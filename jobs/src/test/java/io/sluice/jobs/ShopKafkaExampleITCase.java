package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;
import io.sluice.testkit.KafkaServer;
import io.sluice.testkit.MariaDbServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code jobs/examples/shop-kafka.yaml} end to end, bounded: random changes to a real MariaDB
 * (every op, a key change, values of many column types, then an ALTER), the example job from the
 * workload's start to the binlog's end, and then consumers reading committed: replaying Canal's
 * flat messages gives the tables as SQL prints them, replaying the Debezium events gives the
 * orders, and the ALTER is on the DDL topic.
 */
class ShopKafkaExampleITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_COLUMNS = "id, name, email, score, joined, seen, tier, tags, big";
    private static final String ORDER_COLUMNS = "id, user_id, amount, status, created_at";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static MariaDbServer db;

    @TempDir
    Path work;

    @BeforeAll
    static void startServers() {
        // its own server: the example's database name must not meet other tests'
        db = MariaDbServer.builder().start();
    }

    @AfterAll
    static void stopServers() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void consumersOfTheTopicsHoldWhatTheSourceHolds() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        db.execute(null, "CREATE DATABASE shop");
        db.execute("shop", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(60), email VARCHAR(100), "
                        + "score DECIMAL(6,2), joined DATETIME(3), seen TIMESTAMP NULL, tier ENUM('basic','gold'), "
                        + "tags SET('a','b','c'), big BIGINT UNSIGNED)",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id INT, amount DECIMAL(12,2), status VARCHAR(16), "
                        + "created_at DATETIME(3))");
        String start = db.binlogEndAsStartup();
        workload(new Random(20261208));

        String yaml = Files.readString(Path.of("examples/shop-kafka.yaml"));
        assertThat(yaml).contains("  startup: latest ").contains("path: rejected/");
        yaml = yaml.replace("  startup: latest ", "  startup: " + start + "\n  stop-at: latest ")
                .replace("path: rejected/", "path: " + work.resolve("rejected") + "/");
        JobConfig job = JobFiles.parse(yaml, "shop-kafka.yaml", Map.of("SHOP_DB_HOST", db.host(),
                "SHOP_DB_PORT", Integer.toString(db.port()), "SHOP_KAFKA", kafka.bootstrapServers()), work, List.of(),
                TopologyBuilder.CHECKS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(job.job()));
        new TopologyBuilder(job).build(env);
        env.execute(job.job().name());

        if (Files.isDirectory(work.resolve("rejected"))) {
            try (Stream<Path> rejected = Files.list(work.resolve("rejected"))) {
                assertThat(rejected).allSatisfy(file -> assertThat(file).isEmptyFile());
            }
        }
        assertThat(replayCanal(read(kafka, "shop.users"))).isEqualTo(tableAsText("users", USER_COLUMNS));
        assertThat(replayCanal(read(kafka, "shop.orders"))).isEqualTo(tableAsText("orders", ORDER_COLUMNS));
        assertThat(replayDebezium(read(kafka, "shop-server.shop.orders"))).isEqualTo(ordersAsDebezium());
        List<JsonNode> ddl = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read(kafka, "shop.ddl")) {
            ddl.add(JSON.readTree(r.value()));
        }
        assertThat(ddl).hasSize(1);
        assertThat(ddl.get(0).get("type").asText()).isEqualTo("ALTER");
        assertThat(ddl.get(0).get("isDdl").asBoolean()).isTrue();
        assertThat(ddl.get(0).get("sql").asText()).contains("ADD COLUMN note");
        assertThat(ddl.get(0).get("database").asText()).isEqualTo("shop");
        assertThat(ddl.get(0).get("table").asText()).isEqualTo("orders");
    }

    /** Inserts, updates, deletes, key changes; NULLs, fractions, unsigned values above 2^63; then an ALTER. */
    private static void workload(Random random) {
        List<String> sql = new ArrayList<>();
        for (int u = 1; u <= 40; u++) {
            sql.add("INSERT INTO users VALUES (" + u + ", 'user " + u + "', " + (u % 6 == 0 ? "NULL" : "'u" + u
                    + "@example.com'") + ", " + (random.nextInt(100000) - 50000) / 100.0 + ", '2026-11-"
                    + (10 + random.nextInt(10)) + " 08:0" + random.nextInt(10) + ":00." + random.nextInt(1000) + "', "
                    + (u % 4 == 0 ? "NULL" : "'2026-12-01 1" + random.nextInt(10) + ":30:00'") + ", "
                    + (u % 3 == 0 ? "'gold'" : "'basic'") + ", '" + (u % 2 == 0 ? "a,c" : "b") + "', "
                    + (u % 5 == 0 ? "18446744073709551615" : Long.toString(u * 1_000_000_007L)) + ")");
        }
        List<Long> orders = new ArrayList<>();
        for (long o = 1; o <= 300; o++) {
            sql.add("INSERT INTO orders VALUES (" + o + ", " + (1 + random.nextInt(40)) + ", "
                    + random.nextInt(100000) / 100.0 + ", 'new', '2026-11-20 10:00:00.25" + random.nextInt(10) + "')");
            orders.add(o);
        }
        for (int i = 0; i < 400; i++) {
            int dice = random.nextInt(10);
            long order = orders.get(random.nextInt(orders.size()));
            if (dice < 4) {
                sql.add("UPDATE orders SET status = '" + (random.nextBoolean() ? "paid" : "sent") + "', amount = amount + 1"
                        + " WHERE id = " + order);
            } else if (dice < 6) {
                int user = 1 + random.nextInt(40);
                sql.add("UPDATE users SET tags = '" + (random.nextBoolean() ? "" : "a,b,c") + "', seen = "
                        + (random.nextBoolean() ? "NULL" : "'2026-12-02 0" + random.nextInt(10) + ":00:01'")
                        + ", score = score - 0.25 WHERE id = " + user);
            } else if (dice < 8 && orders.size() > 20) {
                sql.add("DELETE FROM orders WHERE id = " + order);
                orders.remove(order);
            } else {
                long moved = order + 10_000;
                sql.add("UPDATE orders SET id = " + moved + " WHERE id = " + order);
                orders.remove(order);
                orders.add(moved);
            }
        }
        sql.add("DELETE FROM users WHERE id IN (7, 8)");
        sql.add("ALTER TABLE orders ADD COLUMN note VARCHAR(20)");
        db.execute("shop", sql.toArray(String[]::new));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaServer kafka, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (consumer.position(partition) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("could not read " + partition + " to offset " + end + " in 60 s");
                    }
                    consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                }
            }
        }
        return out;
    }

    /** What a Canal consumer holds after applying every flat message: id to column texts. */
    private static Map<String, Map<String, String>> replayCanal(List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode m = JSON.readTree(r.value());
            JsonNode data = m.get("data").get(0);
            Map<String, String> row = new LinkedHashMap<>();
            data.fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
            if (m.get("type").asText().equals("DELETE")) {
                rows.remove(row.get("id"));
            } else {
                rows.put(row.get("id"), row);
            }
        }
        return rows;
    }

    /** The table as MariaDB prints it in UTC, id to column texts. */
    private static Map<String, Map<String, String>> tableAsText(String table, String columns) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (String c : columns.split(", ")) {
            select.append(select.length() > 7 ? ", " : "").append("CAST(").append(c).append(" AS CHAR) AS ").append(c);
        }
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (Connection c = db.connect("shop"); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet r = s.executeQuery(select + " FROM " + table)) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), r.getString(i));
                    }
                    rows.put(row.get("id"), row);
                }
            }
        }
        return rows;
    }

    /** What a Debezium consumer holds: id to (user_id, amount, status, created_at epoch ms). */
    private static Map<Long, List<Object>> replayDebezium(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        Map<Long, List<Object>> rows = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode m = JSON.readTree(r.value());
            if (m.get("op").asText().equals("d")) {
                rows.remove(m.get("before").get("id").asLong());
            } else {
                JsonNode a = m.get("after");
                rows.put(a.get("id").asLong(), List.of(a.get("user_id").asLong(), a.get("amount").asText(),
                        a.get("status").asText(), a.get("created_at").asLong()));
            }
        }
        return rows;
    }

    private static Map<Long, List<Object>> ordersAsDebezium() throws SQLException {
        Map<Long, List<Object>> rows = new HashMap<>();
        try (Connection c = db.connect("shop"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT " + ORDER_COLUMNS + " FROM orders")) {
            while (r.next()) {
                LocalDateTime created = r.getObject(5, LocalDateTime.class);
                rows.put(r.getLong(1), List.of(r.getLong(2), r.getBigDecimal(3).toPlainString(), r.getString(4),
                        created.toInstant(ZoneOffset.UTC).toEpochMilli()));
            }
        }
        return rows;
    }
}
