package io.sluice.sinks.rabbitmq;

import static io.sluice.sinks.common.TestRows.delete;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.event.Event;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.NetworkFaults;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.Workload;
import io.sluice.sinks.messages.MessageFormat;
import io.sluice.sinks.messages.MessageOptions;
import io.sluice.sinks.messages.MessageReplay;
import io.sluice.testkit.RabbitMqServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RabbitMQ sink against a real RabbitMQ node: every op in Canal's and Debezium's formats, a
 * random workload replayed from a queue, the node killed and started again, and the messages that
 * cannot be delivered.
 */
class RabbitMqSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final TableSchema USERS = Workload.standardTables("shop").get(0);
    private static final LocalDateTime T = LocalDateTime.of(2024, 2, 29, 12, 30, 15, 120_000_000);

    private static String prefix() {
        return "r" + PREFIXES.incrementAndGet() + "-" + System.nanoTime();
    }

    private static RabbitMqSinkOptions options(RabbitMqServer rabbit, String exchange, String routingKey,
            MessageFormat format, ErrorPolicy policy) {
        return new RabbitMqSinkOptions("rabbitmq-test", rabbit.host(), rabbit.port(), "/", rabbit.username(),
                rabbit.password(), exchange, routingKey, format, MessageOptions.defaults(), true, true, 500,
                Duration.ofMillis(100), Duration.ofSeconds(10),
                new RetryOptions(20, Duration.ofMillis(100), Duration.ofSeconds(1)), policy, TruncatePolicy.FAIL);
    }

    private static Connection connect(RabbitMqServer rabbit) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.username());
        factory.setPassword(rabbit.password());
        return factory.newConnection();
    }

    /** A durable topic exchange and a durable queue that takes the given routing-key pattern. */
    private static void declare(RabbitMqServer rabbit, String exchange, String queue, String binding) throws Exception {
        try (Connection c = connect(rabbit); Channel channel = c.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, binding);
        }
    }

    /** Every message in the queue, in order. */
    private static List<GetResponse> drain(RabbitMqServer rabbit, String queue) throws Exception {
        List<GetResponse> out = new ArrayList<>();
        try (Connection c = connect(rabbit); Channel channel = c.createChannel()) {
            for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Object[] user(long id, String name, String score) {
        return new Object[] {id, name, null, new BigDecimal(score), T};
    }

    @Test
    void everyOpInCanalAndDebeziumFormatsReachesABoundQueue() throws Exception {
        RabbitMqServer rabbit = RabbitMqServer.shared();
        Object[] ann = user(1, "Ann", "1.00");
        Object[] annB = user(1, "Ann B", "2.00");
        Object[] bob = user(2, "Bob", "3.00");
        Object[] cid = user(3, "Cid", "3.00");
        Object[] cidMoved = user(30, "Cid", "3.00");
        List<Event> events = List.of(insert(USERS, ann), insert(USERS, bob), update(USERS, ann, annB),
                delete(USERS, bob), insert(USERS, cid), update(USERS, cid, cidMoved));
        for (MessageFormat format : List.of(MessageFormat.CANAL_JSON, MessageFormat.DEBEZIUM_JSON)) {
            String p = prefix();
            declare(rabbit, p + "-x", p + "-q", "shop.#");
            TestJobs.run(events).execute(new RabbitMqSink(options(rabbit, p + "-x", "{db}.{table}", format,
                    ErrorPolicy.FAIL)));
            Map<String, List<String>> perKey = new LinkedHashMap<>();
            for (GetResponse r : drain(rabbit, p + "-q")) {
                assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("shop.users");
                assertThat(r.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
                String key = String.valueOf(r.getProps().getHeaders().get("sluice-key"));
                JsonNode m = JSON.readTree(r.getBody());
                String what = format == MessageFormat.CANAL_JSON
                        ? m.get("type").asText() + " " + m.get("data").get(0).get("name").asText()
                        : m.get("op").asText() + " " + (m.get("after").isNull() ? m.get("before") : m.get("after"))
                                .get("name").asText();
                perKey.computeIfAbsent(key, k -> new ArrayList<>()).add(what);
            }
            Map<String, List<String>> expected = format == MessageFormat.CANAL_JSON
                    ? Map.of("{\"id\":1}", List.of("INSERT Ann", "UPDATE Ann B"),
                            "{\"id\":2}", List.of("INSERT Bob", "DELETE Bob"),
                            "{\"id\":3}", List.of("INSERT Cid", "DELETE Cid"), "{\"id\":30}", List.of("INSERT Cid"))
                    : Map.of("{\"id\":1}", List.of("c Ann", "u Ann B"), "{\"id\":2}", List.of("c Bob", "d Bob"),
                            "{\"id\":3}", List.of("c Cid", "d Cid"), "{\"id\":30}", List.of("c Cid"));
            assertThat(perKey).as(format.configName()).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void aNodeKilledMidStreamAndStartedAgainLosesNothing() throws Exception {
        try (RabbitMqServer rabbit = RabbitMqServer.builder().start()) {
            String p = prefix();
            declare(rabbit, p + "-x", p + "-q", "#");
            Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 61, true);
            NetworkFaults.killedWhileRunning(rabbit, TestJobs.run(workload.events()).rate(4_000),
                    new RabbitMqSink(options(rabbit, p + "-x", "{db}.{table}", MessageFormat.JSON, ErrorPolicy.FAIL)),
                    Duration.ofSeconds(2), Duration.ofSeconds(2));
            MessageReplay replay = new MessageReplay();
            for (GetResponse r : drain(rabbit, p + "-q")) {
                replay.apply(String.valueOf(r.getProps().getHeaders().get("sluice-key")), r.getBody());
            }
            replay.assertEqualsSource(workload);
        }
    }

    @Test
    void messagesNoQueueTakesAndMissingExchangesGoToTheErrorPolicy(@TempDir Path dir) throws Exception {
        RabbitMqServer rabbit = RabbitMqServer.shared();
        String p = prefix();
        declare(rabbit, p + "-x", p + "-q", "shop.users");
        TableSchema orders = Workload.standardTables("shop").get(1);
        List<Event> events = List.of(insert(USERS, user(1, "Ann", "1.00")),
                insert(orders, 7L, 1L, new BigDecimal("9.5000"), "new", java.time.LocalDate.of(2024, 1, 2)));
        Path letters = dir.resolve("rabbit.jsonl");
        TestJobs.run(events).restarts(0).execute(new RabbitMqSink(options(rabbit, p + "-x", "{db}.{table}",
                MessageFormat.JSON, ErrorPolicy.deadLetterFile(letters.toString()))));
        assertThat(drain(rabbit, p + "-q")).hasSize(1);
        List<String> lines = Files.readAllLines(letters);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("reason").asText()).isEqualTo("no queue took the message: "
                + "exchange '" + p + "-x' routes routing key 'shop.orders' nowhere (312 NO_ROUTE); bind a queue for "
                + "it, or set mandatory: false to let RabbitMQ drop such messages");

        Path more = dir.resolve("missing.jsonl");
        TestJobs.run(events.subList(0, 1)).restarts(0).execute(new RabbitMqSink(options(rabbit, p + "-nope",
                "{db}.{table}", MessageFormat.JSON, ErrorPolicy.deadLetterFile(more.toString()))));
        assertThat(JSON.readTree(Files.readAllLines(more).get(0)).get("reason").asText()).isEqualTo("exchange '" + p
                + "-nope' does not exist in virtual host '/'; declare it (durable), or change the sink's exchange");
    }

    @Test
    void aWrongPasswordFailsAtStartNamingTheUser() {
        RabbitMqServer rabbit = RabbitMqServer.shared();
        RabbitMqSinkOptions good = options(rabbit, "", "q", MessageFormat.JSON, ErrorPolicy.FAIL);
        RabbitMqSinkOptions wrong = new RabbitMqSinkOptions(good.name(), good.host(), good.port(), "/", "guest",
                "not-the-password", "", "q", MessageFormat.JSON, MessageOptions.defaults(), true, true, 500,
                Duration.ofMillis(100), Duration.ofSeconds(10), good.retry(), ErrorPolicy.FAIL, TruncatePolicy.FAIL);
        assertThatThrownBy(() -> TestJobs.run(List.of(insert(USERS, user(1, "Ann", "1.00")))).restarts(0)
                .execute(new RabbitMqSink(wrong)))
                .rootCause().satisfies(root -> assertThat(root.toString()).contains("ACCESS_REFUSED"));
        assertThatThrownBy(() -> TestJobs.run(List.of(insert(USERS, user(1, "Ann", "1.00")))).restarts(0)
                .execute(new RabbitMqSink(wrong)))
                .hasStackTraceContaining("rabbitmq-test: RabbitMQ at 127.0.0.1:" + rabbit.port() + ", virtual host '/'"
                        + " refused user 'guest': check username and password, and that the user may access the "
                        + "virtual host");
    }
}
