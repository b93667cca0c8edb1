package io.sluice.sinks.elasticsearch;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.string;
import static io.sluice.sinks.elasticsearch.ElasticsearchIndices.assertIndicesEqualModel;
import static io.sluice.sinks.elasticsearch.ElasticsearchIndices.documents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.failure.ErrorPolicy;
import io.sluice.event.Event;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.NetworkFaults;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.TestWriterContext;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.ElasticsearchServer;
import io.sluice.testkit.FaultProxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real 429 and 503 answers from a real Elasticsearch 7.10.2, and what the sink does with them:
 * retried with backoff, the job failed (and restored by Flink) when they persist, and the indices
 * equal to the source once the condition clears.
 *
 * <ul>
 *   <li>429 from overload: the node runs with a write thread pool of one thread and a queue of
 *       one, so the shard requests a bulk over three indices fans out to are rejected
 *       ({@code es_rejected_execution_exception}).
 *   <li>429 that persists: the flood-stage block ({@code index.blocks.read_only_allow_delete}),
 *       which Elasticsearch 7 answers with 429 to every write but deletes, until it is removed.
 *   <li>503: an index whose primary shard cannot be allocated
 *       ({@code index.routing.allocation.require._name} names no node); the bulk waits its short
 *       {@code timeout} and answers 503 ({@code unavailable_shards_exception}).
 * </ul>
 *
 * Every sink here uses {@code error-policy: log}: had a 429 or 503 been taken as a rejected
 * record, its document would be missing and the final comparison would fail.
 */
class ElasticsearchRetriesITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final TableSchema ITEMS = TestRows.schema("shop", "items", List.of(bigint("id"), string("name")), "id");
    private static final RetryOptions TWO_QUICK_RETRIES = new RetryOptions(2, Duration.ofMillis(50), Duration.ofMillis(100));

    private static ElasticsearchServer es;

    @BeforeAll
    static void startNode() {
        es = ElasticsearchServer.builder()
                .setting("thread_pool.write.size", "1")
                .setting("thread_pool.write.queue_size", "1")
                .start();
    }

    @AfterAll
    static void stopNode() {
        if (es != null) {
            es.close();
        }
    }

    private static String prefix() {
        return "r" + PREFIXES.incrementAndGet();
    }

    private static ElasticsearchSinkBuilder sinkOn(String index) {
        return ElasticsearchSink.builder().name("es-test").host(es.url()).index(index)
                .bulk(new BulkOptions(500, 5L << 20, Duration.ofMillis(100)))
                .errorPolicy(ErrorPolicy.LOG);
    }

    private static long writeRejections() throws IOException {
        return JSON.readTree(es.request("GET", "/_nodes/stats/thread_pool", null)).path("nodes").elements().next()
                .path("thread_pool").path("write").path("rejected").asLong();
    }

    /** Creates {@code p-<table>} for every table of a workload with the given index settings. */
    private static void createIndices(String p, Workload workload, String settings) {
        for (TableSchema t : workload.tables()) {
            es.request("PUT", "/" + p + "-" + t.id().table() + "?wait_for_active_shards=0",
                    "{\"settings\":" + settings + "}");
        }
    }

    @Test
    void writePoolRejectionsAre429sThatAreRetriedWithoutFailingTheJob() throws Exception {
        assertThat(es.request("GET", "/_cat/thread_pool/write?h=size,queue_size", null).trim()).isEqualTo("1 1");
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 31, true);
        long before = writeRejections();
        // No restarts and a patient retry: the job only succeeds if every 429 was retried in place.
        TestJobs.run(workload.events()).restarts(0).execute(sinkOn(p + "-{table}")
                .retry(new RetryOptions(20, Duration.ofMillis(20), Duration.ofMillis(500))).build());
        assertThat(writeRejections() - before).as("write requests the node rejected with 429").isPositive();
        assertIndicesEqualModel(es, p, workload);
    }

    @Test
    void aPersistent429FailsTheFlushAfterTheRetriesWithTheStatus() throws Exception {
        String index = prefix() + "-blocked";
        es.request("PUT", "/" + index, "{\"settings\":{\"index.blocks.read_only_allow_delete\":true}}");
        TestWriterContext context = new TestWriterContext();
        ElasticsearchSinkOptions options = sinkOn(index).retry(TWO_QUICK_RETRIES).options();
        ElasticsearchWriter writer = new ElasticsearchWriter(options, new DocumentEmitter(options),
                context.metricGroup(), context, context.mailboxExecutor());
        writer.write(insert(ITEMS, 1L, "a"), null);
        writer.write(insert(ITEMS, 2L, "b"), null);
        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("es-test: the target still fails after 2 retries; failing the job so it "
                        + "restarts from the last checkpoint. Last failure: java.io.IOException: 2 items of a bulk "
                        + "request failed with 429 TOO_MANY_REQUESTS")
                .hasMessageContaining("read-only-allow-delete block");
        assertThat(writer.metrics().retriedCount()).as("2 records, each sent again twice").isEqualTo(4);
        assertThat(writer.metrics().failedCount()).as("nothing went to the error policy").isZero();
        writer.close();
    }

    @Test
    void anUnavailableShardIsA503ThatIsRetriedThenFailsTheFlush() throws Exception {
        String index = prefix() + "-unassigned";
        es.request("PUT", "/" + index + "?wait_for_active_shards=0",
                "{\"settings\":{\"index.routing.allocation.require._name\":\"no-such-node\"},"
                        // mapped up front: a dynamic mapping update would time out first (a 500)
                        + "\"mappings\":{\"properties\":{\"id\":{\"type\":\"long\"},\"name\":{\"type\":\"text\"}}}}");
        TestWriterContext context = new TestWriterContext();
        ElasticsearchSinkOptions options = sinkOn(index).retry(TWO_QUICK_RETRIES).timeout(Duration.ofMillis(200))
                .options();
        ElasticsearchWriter writer = new ElasticsearchWriter(options, new DocumentEmitter(options),
                context.metricGroup(), context, context.mailboxExecutor());
        writer.write(insert(ITEMS, 1L, "a"), null);
        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("es-test: the target still fails after 2 retries; failing the job so it "
                        + "restarts from the last checkpoint. Last failure: java.io.IOException: 1 items of a bulk "
                        + "request failed with 503 SERVICE_UNAVAILABLE")
                .hasMessageContaining("unavailable_shards_exception");
        assertThat(writer.metrics().retriedCount()).isEqualTo(2);
        assertThat(writer.metrics().failedCount()).isZero();
        writer.close();
    }

    /**
     * The connections to the node are reset while the job writes: the sink sends the bulk again
     * (or the job restores) and the indices end equal to the source. (A half-open connection whose
     * old bulk arrives after the retry is not covered: it can land after newer writes.)
     */
    @Test
    void aResetConnectionEndsInARetryOrARestore() throws Exception {
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 36, true);
        java.net.URI node = java.net.URI.create(es.url());
        try (FaultProxy proxy = FaultProxy.start(node.getHost(), node.getPort())) {
            NetworkFaults.resetWhileRunning(proxy, TestJobs.run(workload.events()).rate(4_000),
                    ElasticsearchSink.builder().name("es-test").host("http://" + proxy.host() + ":" + proxy.port())
                            .index(p + "-{table}").bulk(new BulkOptions(500, 5L << 20, Duration.ofMillis(100)))
                            .timeout(Duration.ofSeconds(1)).build(),
                    Duration.ofMillis(1500));
        }
        assertIndicesEqualModel(es, p, workload);
    }

    @Test
    void theJobRestoresThroughPersistent429sAndEndsEqualToTheSourceOnceTheBlockIsLifted() throws Exception {
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 5_000, 32, true);
        createIndices(p, workload, "{\"index.blocks.read_only_allow_delete\":true}");
        streamUntilCleared(p, workload, "{\"index.blocks.read_only_allow_delete\":null}", sinkOn(p + "-{table}"));
    }

    @Test
    void theJobRestoresThrough503sAndEndsEqualToTheSourceOnceTheShardsAreAllocated() throws Exception {
        String p = prefix();
        Workload workload = Workload.random(Workload.standardTables("shop"), 5_000, 33, true);
        createIndices(p, workload, "{\"index.routing.allocation.require._name\":\"no-such-node\"}");
        streamUntilCleared(p, workload, "{\"index.routing.allocation.require._name\":null}",
                sinkOn(p + "-{table}").timeout(Duration.ofMillis(200)));
    }

    /**
     * Runs the workload with two quick retries while the indices refuse writes; once the job has
     * failed and been restored twice, lifts the condition with {@code clearing} index settings.
     */
    private static void streamUntilCleared(String p, Workload workload, String clearing, ElasticsearchSinkBuilder sink)
            throws Exception {
        TestJobs.Run run = TestJobs.run(workload.events()).restarts(100);
        CompletableFuture<Void> lift = CompletableFuture.runAsync(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (run.maxAttempt() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                es.request("PUT", "/" + p + "-*/_settings", clearing);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        run.execute(sink.retry(TWO_QUICK_RETRIES).build());
        lift.join();
        assertThat(run.maxAttempt()).as("the job failed and was restored while the condition lasted")
                .isGreaterThanOrEqualTo(2);
        assertThat(documents(es, p + "-*")).isNotEmpty();
        assertIndicesEqualModel(es, p, workload);
    }
}
