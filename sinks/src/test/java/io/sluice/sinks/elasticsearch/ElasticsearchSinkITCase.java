package io.sluice.sinks.elasticsearch;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.date;
import static io.sluice.sinks.common.TestRows.delete;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.string;
import static io.sluice.sinks.common.TestRows.update;
import static io.sluice.sinks.elasticsearch.ElasticsearchIndices.assertIndicesEqualModel;
import static io.sluice.sinks.elasticsearch.ElasticsearchIndices.count;
import static io.sluice.sinks.elasticsearch.ElasticsearchIndices.documents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RejectedRecordException;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.TestWriterContext;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.ElasticsearchServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The Elasticsearch sink against a real Elasticsearch 7.10.2: documents, modes, workloads, an outage, errors. */
class ElasticsearchSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static final TableSchema ORDERS = TestRows.schema("shop", "orders",
            List.of(bigint("id"), bigint("user_id"), string("name"), date("created")), "id");
    private static final TableSchema LINES = TestRows.schema("shop", "order_lines",
            List.of(bigint("order_id"), bigint("line"), string("sku")), "order_id", "line");

    private static String prefix() {
        return "t" + PREFIXES.incrementAndGet() + "-" + System.nanoTime();
    }

    private static Object[] order(long id, long user, String name, LocalDate created) {
        return new Object[] {id, user, name, created};
    }

    private static ElasticsearchSinkBuilder sinkOn(ElasticsearchServer es, String index) {
        return ElasticsearchSink.builder().name("es-test").host(es.url()).index(index)
                .bulk(new BulkOptions(500, 5L << 20, Duration.ofMillis(200)));
    }

    private static ElasticsearchWriter write(ElasticsearchSinkOptions options, List<Event> events) throws Exception {
        TestWriterContext context = new TestWriterContext();
        ElasticsearchWriter writer = new ElasticsearchWriter(options, new DocumentEmitter(options),
                context.metricGroup(), context, context.mailboxExecutor());
        for (Event e : events) {
            writer.write(e, null);
        }
        writer.flush(false);
        return writer;
    }

    @Test
    void indexModeFollowsInsertsUpdatesDeletesAndKeyChanges() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String p = prefix();
        Object[] a = order(1, 7, "Ann", LocalDate.of(2024, 1, 5));
        Object[] a2 = order(1, 7, "Ann B", LocalDate.of(2024, 1, 5));
        Object[] b = order(2, 8, "Bob", LocalDate.of(2024, 1, 6));
        Object[] bMoved = order(20, 8, "Bob", LocalDate.of(2024, 2, 6)); // new id and new monthly index
        Object[] c = order(3, 9, "Cid", LocalDate.of(2024, 1, 7));
        ElasticsearchWriter writer = write(sinkOn(es, p + "-orders-{created:yyyy.MM}").routing("{user_id}").options(),
                List.of(insert(ORDERS, a), insert(ORDERS, b), insert(ORDERS, c), update(ORDERS, a, a2),
                        update(ORDERS, b, bMoved), delete(ORDERS, c)));
        Map<String, JsonNode> docs = documents(es, p + "-orders-*");
        assertThat(docs).containsOnlyKeys(p + "-orders-2024.01/1", p + "-orders-2024.02/20");
        assertThat(docs.get(p + "-orders-2024.01/1").toString())
                .isEqualTo("{\"id\":1,\"user_id\":7,\"name\":\"Ann B\",\"created\":\"2024-01-05\"}");
        assertThat(es.request("GET", "/" + p + "-orders-2024.02/_doc/20?routing=8", null)).contains("\"found\":true");
        assertThat(writer.metrics().writtenCount()).isEqualTo(6);
        writer.close();

        write(sinkOn(es, p + "-lines").options(), List.of(
                insert(LINES, 1L, 2L, "sku-1"), insert(LINES, 1L, 3L, "sku-2"), delete(LINES, 1L, 3L, "sku-2"))).close();
        assertThat(documents(es, p + "-lines")).containsOnlyKeys(p + "-lines/1_2");
        write(sinkOn(es, p + "-byid").id("o{id}-{user_id}").options(), List.of(insert(ORDERS, a))).close();
        assertThat(documents(es, p + "-byid")).containsOnlyKeys(p + "-byid/o1-7");
    }

    @Test
    void upsertModeKeepsTheFieldsOfOtherSources() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String p = prefix();
        es.request("PUT", "/" + p + "-docs/_doc/1?refresh=true", "{\"id\":1,\"items\":[{\"sku\":\"a\"}]}");
        Object[] a = order(1, 7, "Ann", LocalDate.of(2024, 1, 5));
        write(sinkOn(es, p + "-docs").mode(ElasticsearchWriteMode.UPSERT).options(), List.of(
                insert(ORDERS, a), update(ORDERS, a, order(1, 7, "Ann B", LocalDate.of(2024, 1, 5))),
                insert(ORDERS, order(2, 8, "Bob", null)))).close();
        Map<String, JsonNode> docs = documents(es, p + "-docs");
        assertThat(docs.get(p + "-docs/1")).isEqualTo(JSON.readTree(
                "{\"id\":1,\"items\":[{\"sku\":\"a\"}],\"user_id\":7,\"name\":\"Ann B\",\"created\":\"2024-01-05\"}"));
        assertThat(docs.get(p + "-docs/2").get("created").isNull()).isTrue();
    }

    @Test
    void manyUpdatesToFewDocumentsArriveInOrderWithBulksInFlight() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String p = prefix();
        int ids = 16;
        Random random = new Random(31);
        Object[][] current = new Object[ids][];
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            current[i] = order(i, 0, "v0", LocalDate.of(2024, 1, 1));
            events.add(insert(ORDERS, current[i]));
        }
        for (int n = 1; n <= 12_000; n++) {
            int i = random.nextInt(ids);
            Object[] next = order(i, n, "v" + n, LocalDate.of(2024, 1, 1).plusDays(n % 300));
            events.add(update(ORDERS, current[i], next));
            current[i] = next;
        }
        Map<String, JsonNode> expected = new HashMap<>();
        for (ElasticsearchWriteMode mode : ElasticsearchWriteMode.values()) {
            String index = p + "-" + mode.name().toLowerCase(Locale.ROOT);
            for (int i = 0; i < ids; i++) {
                expected.put(index + "/" + i, JSON.readTree(CanonicalJson.toJson(ORDERS, current[i])));
            }
            // bulks of 4 documents out of 16, up to 4 in flight: most bulks share a document with one in flight
            ElasticsearchWriter writer = write(sinkOn(es, index).mode(mode)
                    .bulk(new BulkOptions(4, 5L << 20, Duration.ofSeconds(1), 4)).options(), events);
            assertThat(writer.inFlight().maxSeen()).as("bulks in flight at once").isBetween(2, 4);
            assertThat(writer.inFlight().orderWaits()).as("waits for a document in flight").isPositive();
            assertThat(writer.metrics().writtenCount()).isEqualTo(events.size());
            writer.close();
        }
        assertThat(documents(es, p + "-*")).isEqualTo(expected);
    }

    @Test
    void aCheckpointFailsWithTheFailureOfABulkInFlight() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ElasticsearchSinkOptions options = ElasticsearchSink.builder().name("es-down").host("http://127.0.0.1:" + closedPort)
                .index("orders").bulk(new BulkOptions(2, 5L << 20, Duration.ofSeconds(1), 3))
                .retry(new RetryOptions(1, Duration.ofMillis(500), Duration.ofSeconds(1))).options();
        TestWriterContext context = new TestWriterContext();
        ElasticsearchWriter writer = new ElasticsearchWriter(options, new DocumentEmitter(options),
                context.metricGroup(), context, context.mailboxExecutor());
        try {
            // three bulks ([0, 1], [2, 3], [4]) go in flight; each fails, waits 500 ms, fails again
            for (int i = 0; i < 5; i++) {
                writer.write(insert(ORDERS, order(i, 1, "n" + i, null)), null);
            }
            assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                    .hasMessageContaining("es-down: the target still fails after 1 retries")
                    .hasRootCauseInstanceOf(ConnectException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).as("the other bulks' failures").hasSize(2));
            assertThat(writer.inFlight().isEmpty()).as("the flush waited for every bulk in flight").isTrue();
        } finally {
            writer.close();
        }
    }

    @Test
    void randomWorkloadEndsEqualToTheSource() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 100_000, 21, true);
        TestJobs.run(workload.events()).execute(sinkOn(es, p + "-{table}").build());
        assertIndicesEqualModel(es, p, workload);
    }

    @Test
    void survivesElasticsearchStoppedAndRestartedMidStream() throws Exception {
        try (ElasticsearchServer es = ElasticsearchServer.builder().start()) {
            String p = prefix();
            Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 22, true);
            TestJobs.Run run = TestJobs.run(workload.events()).rate(4_000).restarts(200);
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                try {
                    while (count(es, p + "-*") < 1_000) {
                        Thread.sleep(100);
                    }
                    es.kill();
                    Thread.sleep(1_000);
                    es.start();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            run.execute(sinkOn(es, p + "-{table}")
                    .retry(new RetryOptions(3, Duration.ofMillis(100), Duration.ofMillis(500))).build());
            outage.join();
            assertThat(run.maxAttempt()).as("the job restarted after the outage").isGreaterThan(0);
            assertIndicesEqualModel(es, p, workload);
        }
    }

    private static String mappedIndex(ElasticsearchServer es) {
        String index = prefix() + "-strict";
        es.request("PUT", "/" + index, "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"long\"}}}}");
        return index;
    }

    private static final List<Event> WITH_A_NAME_THAT_IS_NOT_A_NUMBER = List.of(
            insert(ORDERS, order(1, 7, "12", LocalDate.of(2024, 1, 5))),
            insert(ORDERS, order(2, 7, "Bob", LocalDate.of(2024, 1, 5))),
            insert(ORDERS, order(3, 7, "34", LocalDate.of(2024, 1, 5))));

    @Test
    void aMappingErrorFailsTheJobByDefault() {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String index = mappedIndex(es);
        assertThatThrownBy(() -> TestJobs.run(WITH_A_NAME_THAT_IS_NOT_A_NUMBER).restarts(0).execute(sinkOn(es, index).build()))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, RejectedRecordException.class))
                        .hasValueSatisfying(r -> assertThat(r.getMessage()).startsWith(
                                "es-test rejected a record of shop.orders key [2]: index of " + index + "/2 rejected "
                                        + "with 400: ElasticsearchException[Elasticsearch exception "
                                        + "[type=mapper_parsing_exception")));
    }

    @Test
    void logPolicyCountsTheRejectedDocumentAndGoesOn() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String index = mappedIndex(es);
        ElasticsearchWriter writer = write(sinkOn(es, index).errorPolicy(ErrorPolicy.LOG).options(),
                WITH_A_NAME_THAT_IS_NOT_A_NUMBER);
        assertThat(writer.metrics().failedCount()).isEqualTo(1);
        assertThat(writer.metrics().writtenCount()).isEqualTo(2);
        writer.close();
        assertThat(documents(es, index)).containsOnlyKeys(index + "/1", index + "/3");
    }

    /**
     * An index name made from a row value is checked as Elasticsearch checks index names, before
     * any request: upper case, a comma (two indices), a wildcard or a leading '-' is a rejected
     * record, never a request to another index.
     */
    @Test
    void anIndexNameFromARowValueFollowsTheIndexNameRules() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String p = prefix();
        ElasticsearchWriter writer = write(sinkOn(es, p + "-{name}").errorPolicy(ErrorPolicy.LOG).options(), List.of(
                insert(ORDERS, order(1, 7, "ann", LocalDate.of(2024, 1, 5))),
                insert(ORDERS, order(2, 7, "Bob", LocalDate.of(2024, 1, 5))),
                insert(ORDERS, order(3, 7, "x,other", LocalDate.of(2024, 1, 5))),
                insert(ORDERS, order(4, 7, "*", LocalDate.of(2024, 1, 5)))));
        assertThat(writer.metrics().failedCount()).isEqualTo(3);
        assertThat(writer.metrics().writtenCount()).isEqualTo(1);
        writer.close();
        assertThat(documents(es, p + "-ann")).containsOnlyKeys(p + "-ann/1");
    }

    @Test
    void deadLettersGoToAFileOrAnIndex(@TempDir Path dir) throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        String index = mappedIndex(es);
        Path file = dir.resolve("es-dead.jsonl");
        TestJobs.run(WITH_A_NAME_THAT_IS_NOT_A_NUMBER).restarts(0)
                .execute(sinkOn(es, index).errorPolicy(ErrorPolicy.deadLetterFile(file.toString())).build());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        JsonNode letter = JSON.readTree(lines.get(0));
        assertThat(letter.get("reason").asText()).contains("rejected with 400").contains("mapper_parsing_exception");
        assertThat(letter.get("event").get("after").get("name").asText()).isEqualTo("Bob");

        String other = mappedIndex(es);
        String deadIndex = other + "-dead";
        TestJobs.run(WITH_A_NAME_THAT_IS_NOT_A_NUMBER).restarts(0)
                .execute(sinkOn(es, other).errorPolicy(ErrorPolicy.deadLetterIndex(deadIndex)).build());
        Map<String, JsonNode> letters = documents(es, deadIndex);
        assertThat(letters).hasSize(1);
        JsonNode stored = letters.values().iterator().next();
        assertThat(stored.get("table").asText()).isEqualTo("orders");
        assertThat(stored.get("op").asText()).isEqualTo("c");
        assertThat(stored.get("reason").asText()).contains("mapper_parsing_exception");
        assertThat(JSON.readTree(stored.get("event").asText()).get("after").get("id").asLong()).isEqualTo(2);
        assertThat(documents(es, other)).containsOnlyKeys(other + "/1", other + "/3");
    }
}
