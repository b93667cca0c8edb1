package io.sluice.sinks.kafka;

import static io.sluice.sinks.common.TestRows.delete;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.NetworkFaults;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.Workload;
import io.sluice.sinks.messages.MessageFormat;
import io.sluice.sinks.messages.MessageReplay;
import io.sluice.sinks.messages.MessageOptions;
import io.sluice.testkit.KafkaServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.canal.CanalJsonDeserializationSchema;
import org.apache.flink.formats.json.debezium.DebeziumJsonDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka sink against a real KRaft broker: every op in each format, read back by a real
 * consumer (and by Flink's own canal-json and debezium-json readers), a random workload replayed
 * into the source tables, exactly-once across a failure, a broker killed and started again, and
 * the records that cannot be sent.
 */
class KafkaSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final TableSchema USERS = Workload.standardTables("shop").get(0);
    private static final LocalDateTime T = LocalDateTime.of(2024, 2, 29, 12, 30, 15, 120_000_000);

    private static String prefix() {
        return "k" + PREFIXES.incrementAndGet() + "-" + System.nanoTime();
    }

    private static KafkaSinkOptions options(String topic, MessageFormat format, MessageOptions messages) {
        return new KafkaSinkOptions("kafka-test", topic, null, format, messages, List.of(), PartitionBy.KEY,
                1_048_576, ErrorPolicy.FAIL, TruncatePolicy.FAIL);
    }

    static EventKafkaSink<?, ?> sink(KafkaServer kafka, KafkaSinkOptions options, Delivery delivery, Properties extra) {
        return sink(kafka, options, delivery, extra, false);
    }

    static EventKafkaSink<?, ?> sink(KafkaServer kafka, KafkaSinkOptions options, Delivery delivery, Properties extra,
            boolean tombstones) {
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producer.putAll(extra);
        if (delivery == Delivery.EXACTLY_ONCE) {
            producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        }
        return KafkaSinkFactory.sink(options, producer, delivery,
                "test-" + options.topic().replaceAll("[^A-Za-z0-9.-]", "_"), tombstones);
    }

    private static Object[] user(long id, String name, String email, String score) {
        return new Object[] {id, name, email, new BigDecimal(score), T};
    }

    /** Inserts, an update, a delete and a snapshot row, each key's changes in order. */
    private static List<Event> everyOp() {
        Object[] ann = user(1, "Ann", "ann@example.com", "10.50");
        Object[] annB = user(1, "Ann B", "ann@example.com", "11.00");
        Object[] bob = user(2, "Bob", null, "1.00");
        Object[] cid = user(3, "Cid", "cid@example.com", "0.00");
        SourceInfo snapshot = new SourceInfo("shop", "users", 1, "binlog.000001", 4, null, 1_600_000_000_000L, true);
        Object[] dee = user(4, "Dee", null, "4.00");
        Object[] deeMoved = user(40, "Dee", null, "4.00");
        return List.of(insert(USERS, ann), insert(USERS, bob), update(USERS, ann, annB), delete(USERS, bob),
                new RowChange(Op.READ, USERS.id(), USERS, null, cid, snapshot), insert(USERS, dee),
                update(USERS, dee, deeMoved));
    }

    /** What every reader must see per key: the row kinds and values in order. */
    private static Map<Long, List<String>> expectedPerKey() {
        Map<Long, List<String>> expected = new LinkedHashMap<>();
        expected.put(1L, List.of("+I 1 Ann ann@example.com 10.50 2024-02-29T12:30:15.120",
                "-U 1 Ann ann@example.com 10.50 2024-02-29T12:30:15.120",
                "+U 1 Ann B ann@example.com 11.00 2024-02-29T12:30:15.120"));
        expected.put(2L, List.of("+I 2 Bob null 1.00 2024-02-29T12:30:15.120",
                "-D 2 Bob null 1.00 2024-02-29T12:30:15.120"));
        expected.put(3L, List.of("+I 3 Cid cid@example.com 0.00 2024-02-29T12:30:15.120"));
        // a key change: the old key's delete, then the new key's insert
        expected.put(4L, List.of("+I 4 Dee null 4.00 2024-02-29T12:30:15.120",
                "-D 4 Dee null 4.00 2024-02-29T12:30:15.120"));
        expected.put(40L, List.of("+I 40 Dee null 4.00 2024-02-29T12:30:15.120"));
        return expected;
    }

    @Test
    void canalJsonIsReadBackByFlinksCanalJsonFormat() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String topic = prefix() + ".canal";
        TestJobs.run(everyOp()).execute(sink(kafka, options(topic, MessageFormat.CANAL_JSON, MessageOptions.defaults()),
                Delivery.AT_LEAST_ONCE, new Properties()));
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.read(kafka, List.of(topic), false);
        assertThat(records).hasSize(8);

        DataType rowType = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT()),
                DataTypes.FIELD("name", DataTypes.STRING()), DataTypes.FIELD("email", DataTypes.STRING()),
                DataTypes.FIELD("score", DataTypes.DECIMAL(10, 2)), DataTypes.FIELD("updated", DataTypes.TIMESTAMP(3)));
        CanalJsonDeserializationSchema canal = CanalJsonDeserializationSchema
                .builder(rowType, List.of(), TypeInformation.of(RowData.class))
                .setTimestampFormat(TimestampFormat.SQL).build();
        canal.open(new TestInitContext());
        Map<Long, List<String>> perKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            canal.deserialize(r.value(), collector(row -> perKey.computeIfAbsent(row.getLong(0), k -> new ArrayList<>())
                    .add(row.getRowKind().shortString() + " " + row.getLong(0) + " " + row.getString(1) + " "
                            + (row.isNullAt(2) ? "null" : row.getString(2)) + " " + row.getDecimal(3, 10, 2) + " "
                            + row.getTimestamp(4, 3))));
        }
        assertThat(perKey).containsExactlyInAnyOrderEntriesOf(expectedPerKey());

        JsonNode updateMessage = null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode m = JSON.readTree(r.value());
            if (m.get("type").asText().equals("UPDATE")) {
                updateMessage = m;
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
            }
        }
        assertThat(updateMessage).isNotNull();
        assertThat(updateMessage.get("old").toString()).as("only the changed columns")
                .isEqualTo("[{\"name\":\"Ann\",\"score\":\"10.50\"}]");
        assertThat(updateMessage.get("data").get(0).get("updated").asText()).isEqualTo("2024-02-29 12:30:15.120");
        assertThat(updateMessage.get("data").get(0).get("id").asText()).isEqualTo("1");
        assertThat(updateMessage.get("pkNames").toString()).isEqualTo("[\"id\"]");
        assertThat(updateMessage.get("isDdl").asBoolean()).isFalse();
        assertThat(updateMessage.get("database").asText()).isEqualTo("shop");
        assertThat(updateMessage.get("table").asText()).isEqualTo("users");
        assertThat(updateMessage.get("es").asLong()).isEqualTo(1_600_000_000_000L);
        assertThat(updateMessage.get("mysqlType").toString()).isEqualTo("{\"id\":\"bigint\",\"name\":\"varchar(255)\","
                + "\"email\":\"varchar(255)\",\"score\":\"decimal(10,2)\",\"updated\":\"datetime(3)\"}");
        assertThat(updateMessage.get("sqlType").toString())
                .isEqualTo("{\"id\":-5,\"name\":12,\"email\":12,\"score\":3,\"updated\":93}");
    }

    @ParameterizedTest(name = "schema-include {0}")
    @ValueSource(booleans = {false, true})
    void debeziumJsonIsReadBackByFlinksDebeziumJsonFormat(boolean schemaInclude) throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String topic = prefix() + ".debezium";
        MessageOptions messages = new MessageOptions("shop-server", schemaInclude, MessageOptions.DecimalHandling.PRECISE);
        TestJobs.run(everyOp()).execute(sink(kafka, options(topic, MessageFormat.DEBEZIUM_JSON, messages),
                Delivery.AT_LEAST_ONCE, new Properties()));
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.read(kafka, List.of(topic), false);
        assertThat(records).hasSize(8);

        // Debezium's DECIMAL is the unscaled value's bytes and its DATETIME(3) epoch milliseconds,
        // so a Flink table reads them as BYTES and BIGINT
        DataType rowType = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT()),
                DataTypes.FIELD("name", DataTypes.STRING()), DataTypes.FIELD("email", DataTypes.STRING()),
                DataTypes.FIELD("score", DataTypes.BYTES()), DataTypes.FIELD("updated", DataTypes.BIGINT()));
        DebeziumJsonDeserializationSchema debezium = new DebeziumJsonDeserializationSchema(rowType, List.of(),
                TypeInformation.of(RowData.class), schemaInclude, false, TimestampFormat.SQL);
        debezium.open(new TestInitContext());
        Map<Long, List<String>> perKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            debezium.deserialize(r.value(), collector(row -> perKey.computeIfAbsent(row.getLong(0), k -> new ArrayList<>())
                    .add(row.getRowKind().shortString() + " " + row.getLong(0) + " " + row.getString(1) + " "
                            + (row.isNullAt(2) ? "null" : row.getString(2)) + " "
                            + new BigDecimal(new BigInteger(row.getBinary(3)), 2) + " "
                            + LocalDateTime.ofInstant(Instant.ofEpochMilli(row.getLong(4)), java.time.ZoneOffset.UTC))));
        }
        assertThat(perKey).containsExactlyInAnyOrderEntriesOf(expectedPerKey());

        Map<String, JsonNode> byOp = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode m = JSON.readTree(r.value());
            assertThat(m.has("schema")).isEqualTo(schemaInclude);
            JsonNode payload = schemaInclude ? m.get("payload") : m;
            byOp.put(payload.get("op").asText(), payload);
            if (schemaInclude) {
                assertThat(m.get("schema").get("name").asText()).isEqualTo("shop-server.shop.users.Envelope");
            }
        }
        assertThat(byOp).containsOnlyKeys("c", "u", "d", "r");
        JsonNode source = byOp.get("u").get("source");
        assertThat(source.get("connector").asText()).isEqualTo("mysql");
        assertThat(source.get("name").asText()).isEqualTo("shop-server");
        assertThat(source.get("db").asText()).isEqualTo("shop");
        assertThat(source.get("table").asText()).isEqualTo("users");
        assertThat(source.get("file").asText()).isEqualTo("binlog.000001");
        assertThat(source.get("pos").asLong()).isPositive();
        assertThat(source.get("snapshot").asText()).isEqualTo("false");
        assertThat(byOp.get("r").get("source").get("snapshot").asText()).isEqualTo("true");
        assertThat(byOp.get("d").get("after").isNull()).isTrue();
        assertThat(byOp.get("c").get("before").isNull()).isTrue();
    }

    @Test
    void tombstonesFollowDeletesAndTheOldKeyOfAKeyChange() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String topic = prefix() + ".tombstones";
        Object[] ann = user(1, "Ann", null, "1.00");
        Object[] annMoved = user(10, "Ann", null, "1.00");
        Object[] bob = user(2, "Bob", null, "2.00");
        TestJobs.run(List.of(insert(USERS, ann), insert(USERS, bob), delete(USERS, bob), update(USERS, ann, annMoved)))
                .execute(sink(kafka, options(topic, MessageFormat.DEBEZIUM_JSON, MessageOptions.defaults()),
                        Delivery.AT_LEAST_ONCE, new Properties(), true));
        Map<String, List<String>> perKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.read(kafka, List.of(topic), false)) {
            perKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(r.value() == null ? "tombstone" : JSON.readTree(r.value()).get("op").asText());
        }
        assertThat(perKey).containsExactlyInAnyOrderEntriesOf(Map.of("{\"id\":1}", List.of("c", "d", "tombstone"),
                "{\"id\":2}", List.of("c", "d", "tombstone"), "{\"id\":10}", List.of("c")));
    }

    @Test
    void aRandomWorkloadReplayedFromTheTopicsEqualsTheSourceTables() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 100_000, 52, true);
        TestJobs.run(workload.events()).execute(sink(kafka, options(p + ".{table}", MessageFormat.JSON,
                MessageOptions.defaults()), Delivery.AT_LEAST_ONCE, new Properties()));
        replay(KafkaTopics.read(kafka, KafkaTopics.withPrefix(kafka, p + "."), false)).assertEqualsSource(workload);
    }

    @Test
    void exactlyOnceConsumersReadingCommittedSeeEachChangeOnceAcrossAFailure() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 53, true);
        TestJobs.Run run = TestJobs.run(workload.events()).rate(10_000).failOnceAt(12_000);
        run.execute(sink(kafka, options(p + ".{table}", MessageFormat.JSON, MessageOptions.defaults()),
                Delivery.EXACTLY_ONCE, new Properties()));
        assertThat(run.maxAttempt()).as("the job restarted").isPositive();
        List<String> topics = KafkaTopics.withPrefix(kafka, p + ".");
        List<ConsumerRecord<byte[], byte[]>> committed = KafkaTopics.read(kafka, topics, true);
        assertThat(committed).as("one message per change, none twice").hasSize((int) messages(workload));
        replay(committed).assertEqualsSource(workload);
        assertThat(KafkaTopics.read(kafka, topics, false).size()).as("the failed attempt's aborted records")
                .isGreaterThan(committed.size());
    }

    @Test
    void aBrokerKilledMidStreamAndStartedAgainLosesNothing(@TempDir Path dir) throws Exception {
        try (KafkaServer kafka = KafkaServer.builder().setting("auto.create.topics.enable", "false").start()) {
            String p = prefix();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(p + ".users", 3, (short) 1),
                        new NewTopic(p + ".orders", 3, (short) 1), new NewTopic(p + ".order_lines", 3, (short) 1)))
                        .all().get();
            }
            Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 54, true);
            NetworkFaults.killedWhileRunning(kafka, TestJobs.run(workload.events()).rate(4_000), sink(kafka,
                    options(p + ".{table}", MessageFormat.JSON, MessageOptions.defaults()), Delivery.AT_LEAST_ONCE,
                    new Properties()), Duration.ofSeconds(2), Duration.ofSeconds(3));
            replay(KafkaTopics.read(kafka, KafkaTopics.withPrefix(kafka, p + "."), false)).assertEqualsSource(workload);

            // exactly once through the same: a read_committed consumer sees each change once
            String e = prefix();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(e + ".users", 2, (short) 1),
                        new NewTopic(e + ".orders", 2, (short) 1), new NewTopic(e + ".order_lines", 2, (short) 1)))
                        .all().get();
            }
            Workload once = Workload.random(Workload.standardTables("shop"), 20_000, 55, true);
            NetworkFaults.killedWhileRunning(kafka, TestJobs.run(once.events()).rate(4_000), sink(kafka,
                    options(e + ".{table}", MessageFormat.JSON, MessageOptions.defaults()), Delivery.EXACTLY_ONCE,
                    new Properties()), Duration.ofSeconds(2), Duration.ofSeconds(3));
            List<ConsumerRecord<byte[], byte[]>> committed = KafkaTopics.read(kafka, KafkaTopics.withPrefix(kafka,
                    e + "."), true);
            assertThat(committed).as("one message per change, none twice").hasSize((int) messages(once));
            replay(committed).assertEqualsSource(once);

            // the same broker creates no topics: records for a missing topic go to the error policy
            String q = prefix();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(q + ".users", 1, (short) 1))).all().get();
            }
            Path letters = dir.resolve("kafka.jsonl");
            TableSchema orders = Workload.standardTables("shop").get(1);
            List<Event> events = List.of(insert(USERS, user(1, "Ann", null, "1.00")),
                    insert(orders, 7L, 1L, new BigDecimal("9.5000"), "new", java.time.LocalDate.of(2024, 1, 2)));
            KafkaSinkOptions options = new KafkaSinkOptions("kafka-test", q + ".{table}", null, MessageFormat.JSON,
                    MessageOptions.defaults(), List.of(), PartitionBy.KEY, 1_048_576,
                    ErrorPolicy.deadLetterFile(letters.toString()), TruncatePolicy.FAIL);
            TestJobs.run(events).restarts(0).execute(sink(kafka, options, Delivery.AT_LEAST_ONCE, new Properties()));
            assertThat(KafkaTopics.read(kafka, List.of(q + ".users"), false)).hasSize(1);
            List<String> lines = Files.readAllLines(letters);
            assertThat(lines).hasSize(1);
            JsonNode letter = JSON.readTree(lines.get(0));
            assertThat(letter.get("reason").asText()).isEqualTo("topic '" + q + ".orders' does not exist and the "
                    + "brokers do not create topics (auto.create.topics.enable=false); create it, or change the "
                    + "sink's topic");
            assertThat(letter.get("event").get("after").get("id").asLong()).isEqualTo(7);
        }
    }

    @Test
    void aRecordLargerThanTheProducerTakesFailsTheJobNamingTheLimit() {
        KafkaServer kafka = KafkaServer.shared();
        String topic = prefix() + ".large";
        KafkaSinkOptions options = new KafkaSinkOptions("kafka-test", topic, null, MessageFormat.JSON,
                MessageOptions.defaults(), List.of(), PartitionBy.KEY, 2_048, ErrorPolicy.FAIL, TruncatePolicy.FAIL);
        Properties small = new Properties();
        small.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2048");
        List<Event> events = List.of(insert(USERS, user(1, "x".repeat(5_000), null, "1.00")));
        assertThatThrownBy(() -> TestJobs.run(events).restarts(0).execute(sink(kafka, options, Delivery.AT_LEAST_ONCE,
                small)))
                .rootCause().hasMessageContaining("kafka-test rejected a record of shop.users key [1]: the record is ")
                .hasMessageContaining("bytes, more than the producer's max.request.size (2048)");
    }

    @Test
    void schemaChangesGoToTheDdlTopicAndATruncateWithoutOneStopsTheJob() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        String p = prefix();
        SourceInfo at = new SourceInfo("shop", "users", 1, "binlog.000002", 4711, null, 1_600_000_000_000L, false);
        List<Event> events = List.of(insert(USERS, user(1, "Ann", null, "1.00")),
                new SchemaChange(USERS.id(), "ALTER TABLE users ADD COLUMN nick VARCHAR(20)", USERS, at),
                new SchemaChange(USERS.id(), "TRUNCATE TABLE users", USERS, at));
        KafkaSinkOptions withDdl = new KafkaSinkOptions("kafka-test", p + ".{table}", p + ".{db}.ddl",
                MessageFormat.CANAL_JSON, MessageOptions.defaults(), List.of(), PartitionBy.KEY, 1_048_576,
                ErrorPolicy.FAIL, TruncatePolicy.FAIL);
        TestJobs.run(events).execute(sink(kafka, withDdl, Delivery.AT_LEAST_ONCE, new Properties()));
        List<JsonNode> ddl = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.read(kafka, List.of(p + ".shop.ddl"), false)) {
            ddl.add(JSON.readTree(r.value()));
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("shop.users");
        }
        assertThat(ddl).extracting(m -> m.get("type").asText()).containsExactly("ALTER", "TRUNCATE");
        assertThat(ddl.get(0).get("isDdl").asBoolean()).isTrue();
        assertThat(ddl.get(0).get("sql").asText()).isEqualTo("ALTER TABLE users ADD COLUMN nick VARCHAR(20)");
        assertThat(ddl.get(0).get("data").isNull()).isTrue();

        KafkaSinkOptions withoutDdl = options(p + "-2.{table}", MessageFormat.CANAL_JSON, MessageOptions.defaults());
        assertThatThrownBy(() -> TestJobs.run(events).restarts(0).execute(sink(kafka, withoutDdl,
                Delivery.AT_LEAST_ONCE, new Properties())))
                .rootCause().hasMessage("kafka-test: shop.users was truncated at the source (TRUNCATE TABLE users, at "
                        + "binlog.000002:4711); consumers of the topic still hold its rows and no message tells them, "
                        + "so the job stops here. Set ddl-topic on the sink to publish schema changes, or truncate: "
                        + "ignore to go on without telling them, then start again from the last checkpoint");
    }

    /** Messages the sink sends for a workload: one per change, two for a change of the key. */
    private static long messages(Workload workload) {
        return workload.events().stream()
                .mapToLong(e -> e instanceof RowChange r && r.op() == Op.UPDATE && r.changesKey() ? 2 : 1).sum();
    }

    /** The rows a consumer holds after applying every message in order. */
    private static MessageReplay replay(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        MessageReplay replay = new MessageReplay();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            replay.apply(new String(r.key(), StandardCharsets.UTF_8), r.value());
        }
        return replay;
    }

    private interface RowConsumer {
        void accept(RowData row);
    }

    private static Collector<RowData> collector(RowConsumer consumer) {
        return new Collector<>() {
            @Override
            public void collect(RowData record) {
                consumer.accept(record);
            }

            @Override
            public void close() {}
        };
    }

    /** What a deserialization schema's open() gets. */
    private static final class TestInitContext implements DeserializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(KafkaSinkITCase.class.getClassLoader());
        }
    }
}
