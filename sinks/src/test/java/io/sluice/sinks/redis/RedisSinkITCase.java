package io.sluice.sinks.redis;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.datetime;
import static io.sluice.sinks.common.TestRows.decimal;
import static io.sluice.sinks.common.TestRows.delete;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.string;
import static io.sluice.sinks.common.TestRows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.failure.ErrorPolicy;
import io.sluice.core.template.TextValues;
import io.sluice.event.ColumnSelection;
import io.sluice.event.Event;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.NetworkFaults;
import io.sluice.sinks.common.RejectedRecordException;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.TestWriterContext;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.FaultProxy;
import io.sluice.testkit.RedisServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The Redis sink against a real Redis 7: formats, key changes, workloads, an outage, and each error policy. */
class RedisSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static final TableSchema USERS = TestRows.schema("shop", "users",
            List.of(bigint("id"), string("name"), string("email"), decimal("score", 10, 2), datetime("updated", 3)),
            "id");

    private static String prefix() {
        return "t" + PREFIXES.incrementAndGet() + "-" + System.nanoTime();
    }

    private static Jedis jedis(RedisServer server) {
        return new Jedis(server.host(), server.port());
    }

    private static RedisSinkBuilder sinkOn(RedisServer server, String keyTemplate) {
        return RedisSink.builder().name("redis-test").host(server.host()).port(server.port()).key(keyTemplate);
    }

    private static Object[] user(long id, String name, String email, String score) {
        return new Object[] {id, name, email, new BigDecimal(score), LocalDateTime.of(2024, 2, 29, 12, 30, 15, 120_000_000)};
    }

    /** Drives a writer directly: everything written, then a checkpoint flush. */
    private static RedisWriter write(RedisSinkOptions options, List<Event> events) throws Exception {
        RedisWriter writer = new RedisWriter(options, new TestWriterContext().metricGroup(), new TestWriterContext());
        for (Event e : events) {
            writer.write(e, null);
        }
        writer.flush(false);
        return writer;
    }

    @Test
    void hashFormatFollowsInsertsUpdatesDeletesAndKeyChanges() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        Object[] ann = user(1, "Ann", "ann@example.com", "10.50");
        Object[] annRenamed = user(1, "Ann B", null, "11.00");
        Object[] bob = user(2, "Bob", "bob@example.com", "1.00");
        Object[] bobMoved = user(20, "Bob", "bob@example.com", "1.00");
        Object[] cid = user(3, "Cid", null, "0.00");
        RedisWriter writer = write(sinkOn(server, p + ":{table}:{id}").options(), List.of(
                insert(USERS, ann), insert(USERS, bob), insert(USERS, cid),
                update(USERS, ann, annRenamed),
                update(USERS, bob, bobMoved), // an unsplit key change: the old key goes away
                delete(USERS, cid)));
        try (Jedis jedis = jedis(server)) {
            assertThat(jedis.keys(p + ":*")).containsExactlyInAnyOrder(p + ":users:1", p + ":users:20");
            assertThat(jedis.hgetAll(p + ":users:1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "id", "1", "name", "Ann B", "score", "11.00", "updated", "2024-02-29T12:30:15.120"));
            assertThat(jedis.hgetAll(p + ":users:20")).containsEntry("email", "bob@example.com").containsEntry("id", "20");
            assertThat(jedis.ttl(p + ":users:1")).isEqualTo(-1);
        }
        assertThat(writer.metrics().writtenCount()).isEqualTo(6);
        writer.close();
    }

    @Test
    void jsonValueColumnsAndTtl() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        Object[] ann = user(1, "Ann \"A\"", null, "10.50");
        write(sinkOn(server, p + ":json:{id}").format(RedisFormat.JSON).ttl(Duration.ofSeconds(100)).options(),
                List.of(insert(USERS, ann))).close();
        write(sinkOn(server, p + ":name:{id}").format(RedisFormat.VALUE).valueColumn("name").options(),
                List.of(insert(USERS, ann), insert(USERS, user(2, "Bob", null, "1")),
                        update(USERS, user(2, "Bob", null, "1"), new Object[] {2L, null, null, BigDecimal.ONE, null})))
                .close();
        write(sinkOn(server, p + ":some:{id}").columns(ColumnSelection.include(List.of("NAME", "score"))).options(),
                List.of(insert(USERS, ann))).close();
        try (Jedis jedis = jedis(server)) {
            JsonNode json = new ObjectMapper().readTree(jedis.get(p + ":json:1"));
            assertThat(json.toString()).isEqualTo(
                    "{\"id\":1,\"name\":\"Ann \\\"A\\\"\",\"email\":null,\"score\":\"10.50\","
                            + "\"updated\":\"2024-02-29T12:30:15.120\"}");
            assertThat(jedis.pttl(p + ":json:1")).isBetween(90_000L, 100_000L);
            assertThat(jedis.get(p + ":name:1")).isEqualTo("Ann \"A\"");
            assertThat(jedis.exists(p + ":name:2")).as("a NULL value removes the key").isFalse();
            assertThat(jedis.hgetAll(p + ":some:1")).containsExactlyInAnyOrderEntriesOf(
                    Map.of("name", "Ann \"A\"", "score", "10.50"));
        }
    }

    @Test
    void aBufferIsSentWhenTheIntervalPasses() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        TestWriterContext context = new TestWriterContext();
        RedisWriter writer = new RedisWriter(sinkOn(server, p + ":{id}").flushInterval(Duration.ofMillis(1)).options(),
                context.metricGroup(), context);
        writer.write(insert(USERS, user(1, "Ann", null, "1")), null);
        try (Jedis jedis = jedis(server)) {
            assertThat(jedis.exists(p + ":1")).isFalse();
            Thread.sleep(2);
            context.fireTimers(1);
            assertThat(jedis.exists(p + ":1")).isTrue();
        }
        writer.close();
    }

    @Test
    void randomWorkloadOfHundredThousandChangesEndsEqualToTheSource() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        Workload workload = Workload.random(tables(), 100_000, 42, true);
        TestJobs.run(workload.events()).execute(sinkOn(server, p + ":{table}:{id}").build());
        assertRedisEqualsModel(server, p, workload);
    }

    @Test
    void survivesRedisStoppedAndRestartedMidStream() throws Exception {
        try (RedisServer server = RedisServer.builder()
                .extraArgs("--appendonly", "yes", "--appendfsync", "always")
                .start()) {
            String p = prefix();
            Workload workload = Workload.random(tables(), 30_000, 7, true);
            TestJobs.Run run = TestJobs.run(workload.events()).rate(8_000);
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                try (Jedis jedis = jedis(server)) {
                    while (jedis.dbSize() < 2_000) {
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                server.stop();
                sleep(2_500);
                server.start();
            });
            // Two quick retries: the outage outlasts them, so the job fails and restores from a checkpoint.
            run.execute(sinkOn(server, p + ":{table}:{id}")
                    .retry(new RetryOptions(2, Duration.ofMillis(50), Duration.ofMillis(100)))
                    .timeout(Duration.ofSeconds(1))
                    .build());
            outage.join();
            assertThat(run.maxAttempt()).as("the job restarted after the outage").isGreaterThan(0);
            assertRedisEqualsModel(server, p, workload);
        }
    }

    /**
     * A key made from a column outside the row's key races between writers (two users swapping an
     * email under p:{email}): with more than one writer the job stops at the first row, naming the
     * column; the same key with one writer is written in order.
     */
    @Test
    void aKeyFromANonKeyColumnNeedsOneWriter() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        Object[] ann = user(1, "Ann", "a@x", "1");
        Object[] bob = user(2, "Bob", "b@x", "2");
        Object[] annTakesB = user(1, "Ann", "b@x", "1");
        Object[] bobTakesA = user(2, "Bob", "a@x", "2");
        List<Event> swap = List.of(insert(USERS, ann), insert(USERS, bob), update(USERS, ann, user(1, "Ann", "t@x", "1")),
                update(USERS, bob, bobTakesA), update(USERS, user(1, "Ann", "t@x", "1"), annTakesB));
        assertThatThrownBy(() -> TestJobs.run(swap).execute(sinkOn(server, p + ":{email}").build()))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e)).contains(
                        "redis-test: the key template '" + p + ":{email}' uses [email], which is not part of the key "
                                + "of shop.users [id]", "run the sink with parallelism 1"));

        RedisWriter single = write(sinkOn(server, p + ":{email}").options(), swap);
        single.close();
        try (Jedis jedis = jedis(server)) {
            assertThat(jedis.hget(p + ":a@x", "name")).isEqualTo("Bob");
            assertThat(jedis.hget(p + ":b@x", "name")).isEqualTo("Ann");
            assertThat(jedis.exists(p + ":t@x")).isFalse();
        }
    }

    @Test
    void aRejectedRecordFailsTheJobByDefault() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        try (Jedis jedis = jedis(server)) {
            jedis.rpush(p + ":users:2", "not a hash");
        }
        List<Event> events = List.of(insert(USERS, user(1, "Ann", null, "1")), insert(USERS, user(2, "Bob", null, "2")));
        assertThatThrownBy(() -> TestJobs.run(events).restarts(0).execute(sinkOn(server, p + ":{table}:{id}").build()))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, RejectedRecordException.class))
                        .hasValueSatisfying(r -> assertThat(r.getMessage()).startsWith(
                                "redis-test rejected a record of shop.users key [2]: redis rejected sethash of key '"
                                        + p + ":users:2': WRONGTYPE")));
    }

    @Test
    void logPolicyCountsTheRejectedRecordAndGoesOn() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        try (Jedis jedis = jedis(server)) {
            jedis.rpush(p + ":users:2", "not a hash");
        }
        Object[] nullKey = user(3, "Cid", null, "3");
        RedisSinkOptions options = sinkOn(server, p + ":{table}:{name}").errorPolicy(ErrorPolicy.LOG).options();
        RedisWriter writer = write(options, List.of(
                insert(USERS, user(1, "Ann", null, "1")),
                insert(USERS, new Object[] {2L, null, null, BigDecimal.ONE, null}), // NULL in the key template
                insert(USERS, nullKey)));
        assertThat(writer.metrics().failedCount()).isEqualTo(1);
        assertThat(writer.metrics().writtenCount()).isEqualTo(2);
        writer.close();

        List<Event> events = List.of(insert(USERS, user(1, "Ann", null, "1")), insert(USERS, user(2, "Bob", null, "2")),
                insert(USERS, user(4, "Dan", null, "4")));
        TestJobs.run(events).restarts(0).execute(sinkOn(server, p + ":{table}:{id}").errorPolicy(ErrorPolicy.LOG).build());
        try (Jedis jedis = jedis(server)) {
            assertThat(jedis.hget(p + ":users:1", "name")).isEqualTo("Ann");
            assertThat(jedis.hget(p + ":users:4", "name")).isEqualTo("Dan");
            assertThat(jedis.lrange(p + ":users:2", 0, -1)).containsExactly("not a hash");
        }
    }

    @Test
    void deadLetterPolicyWritesTheRecordAndTheReason(@TempDir Path dir) throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        try (Jedis jedis = jedis(server)) {
            jedis.rpush(p + ":users:2", "not a hash");
        }
        Path deadLetters = dir.resolve("dead/redis.jsonl");
        List<Event> events = List.of(insert(USERS, user(1, "Ann", null, "1")), insert(USERS, user(2, "Bob", null, "2")));
        TestJobs.run(events).restarts(0).execute(
                sinkOn(server, p + ":{table}:{id}").errorPolicy(ErrorPolicy.deadLetterFile(deadLetters.toString())).build());
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).hasSize(1);
        JsonNode letter = new ObjectMapper().readTree(lines.get(0));
        assertThat(letter.get("sink").asText()).isEqualTo("redis-test");
        assertThat(letter.get("reason").asText()).startsWith("redis rejected sethash of key '" + p + ":users:2': WRONGTYPE");
        assertThat(letter.get("error").asText()).isEqualTo("redis.clients.jedis.exceptions.JedisDataException");
        assertThat(letter.get("event").get("op").asText()).isEqualTo("c");
        assertThat(letter.get("event").get("after").get("name").asText()).isEqualTo("Bob");
        try (Jedis jedis = jedis(server)) {
            assertThat(jedis.hget(p + ":users:1", "name")).isEqualTo("Ann");
        }
    }

    private static List<TableSchema> tables() {
        List<TableSchema> tables = new ArrayList<>(Workload.standardTables("shop").subList(0, 2));
        tables.add(TestRows.schema("shop", "sessions", List.of(bigint("id"), bigint("user_id"), string("token")), "id"));
        return tables;
    }

    /**
     * The connection to Redis goes half-open for 4 s while the job writes: commands fail after the
     * sink's timeout instead of waiting forever, the pipelines held in the network arrive when it
     * comes back, and the cache still ends equal to the source (the retry fenced them off).
     */
    @Test
    void aHalfOpenConnectionEndsInARetryOrARestoreNotAStall() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        Workload workload = Workload.random(tables(), 20_000, 45, true);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.port())) {
            NetworkFaults.blackholeWhileRunning(proxy, TestJobs.run(workload.events()).rate(4_000),
                    RedisSink.builder().name("redis-test").host(proxy.host()).port(proxy.port())
                            .key(p + ":{table}:{id}").timeout(Duration.ofSeconds(1)).build(),
                    Duration.ofMillis(1500), Duration.ofSeconds(4));
        }
        assertRedisEqualsModel(server, p, workload);
    }

    /**
     * A pipeline times out on a connection whose route fails, the sink sends it again on a new
     * connection and writes a newer value; then the old route delivers the first pipeline. Redis
     * must not run it: the retry closed the old connection first.
     */
    @Test
    void aPipelineThatArrivesAfterItsRetryCannotPutAnOldValueBack() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.port()); Jedis jedis = jedis(server)) {
            TestWriterContext context = new TestWriterContext();
            RedisWriter writer = new RedisWriter(RedisSink.builder().name("redis-test").host(proxy.host())
                    .port(proxy.port()).key(p + ":{id}").timeout(Duration.ofMillis(500)).options(),
                    context.metricGroup(), context);
            Object[] v1 = user(1, "v1", null, "1");
            Object[] v2 = user(1, "v2", null, "1");
            Object[] v3 = user(1, "v3", null, "1");
            writer.write(insert(USERS, v1), null);
            writer.flush(false);
            proxy.holdOpenConnections();
            writer.write(update(USERS, v1, v2), null);
            writer.flush(false); // times out on the held connection, then goes through a new one
            assertThat(jedis.hget(p + ":1", "name")).isEqualTo("v2");
            assertThat(writer.metrics().retriedCount()).isPositive();
            writer.write(update(USERS, v2, v3), null);
            writer.flush(false);
            proxy.pass(); // the held pipeline reaches Redis now, or never
            Thread.sleep(1_000);
            assertThat(jedis.hget(p + ":1", "name")).as("the late pipeline must not have run").isEqualTo("v3");
            writer.close();
        }
    }

    /**
     * The connections to Redis are reset while the job writes: the sink reconnects (or the job
     * restores) and the cache ends equal to the source.
     */
    @Test
    void aResetConnectionEndsInARetryOrARestore() throws Exception {
        RedisServer server = RedisServer.shared();
        String p = prefix();
        Workload workload = Workload.random(tables(), 20_000, 44, true);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.port())) {
            NetworkFaults.resetWhileRunning(proxy, TestJobs.run(workload.events()).rate(4_000),
                    RedisSink.builder().name("redis-test").host(proxy.host()).port(proxy.port())
                            .key(p + ":{table}:{id}").timeout(Duration.ofSeconds(1)).build(),
                    Duration.ofMillis(1500));
        }
        assertRedisEqualsModel(server, p, workload);
    }

    private static void assertRedisEqualsModel(RedisServer server, String p, Workload workload) {
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (TableSchema t : workload.tables()) {
            workload.rows(t.id()).forEach((key, row) -> {
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        fields.put(t.column(i).name(), TextValues.text(row[i], t.column(i)));
                    }
                }
                expected.put(p + ":" + t.id().table() + ":" + key.get(0), fields);
            });
        }
        Map<String, Map<String, String>> actual = new HashMap<>();
        try (Jedis jedis = jedis(server)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(p + ":*").count(1000));
                for (String key : page.getResult()) {
                    actual.put(key, jedis.hgetAll(key));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        assertThat(actual.keySet()).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(actual).isEqualTo(expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
