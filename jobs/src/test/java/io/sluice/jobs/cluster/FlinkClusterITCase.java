package io.sluice.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.RedisServer;

import redis.clients.jedis.Jedis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The shaded jar on a real Flink standalone session cluster (a JobManager and a TaskManager JVM
 * assembled from Maven jars), driven only through the REST API as a person would: upload, run with
 * the job's YAML as a program argument, stop with a savepoint, run again from it. Rows are written
 * all along, also during the stop and while no job runs; each appears exactly once in the output.
 */
class FlinkClusterITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aJobStoppedWithASavepointResumesFromItWithoutLosingOrRepeatingRows() throws Exception {
        MariaDbServer db = MariaDbServer.shared();
        String schema = db.createDatabase("cluster");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        String[] start = binlogEnd(db);
        Path out = work.resolve("out/t.jsonl");
        List<String> args = List.of("run", "--job-yaml", jobYaml(db, schema, start, out));

        try (FlinkCluster cluster = FlinkCluster.start(work.resolve("flink"), FlinkDistribution.fromJobsBuild());
                Writer writer = new Writer(db, schema)) {
            FlinkRest rest = cluster.rest();
            HttpResponse<String> webUi = rest.getText("/");
            assertThat(webUi.statusCode()).isEqualTo(200);
            assertThat(webUi.body()).contains("Apache Flink Web Dashboard");

            String jar = rest.uploadJar(FlinkDistribution.SLUICE_JAR);
            assertThat(rest.get("/jars").path("files").findValuesAsText("id")).contains(jar);

            // 1. Run; rows written before the job is up are read too (it starts at a fixed position).
            writer.insert(1, 20);
            String first = rest.runJar(jar, args, Optional.empty());
            awaitAllTasksRunning(cluster, first, "cluster-e2e");
            await(cluster, first, () -> lineCount(out) == 20, "the first 20 rows in " + out);

            // 2. Stop with a savepoint while rows keep coming, and keep writing while no job runs.
            writer.startTrickle(21);
            await(cluster, first, () -> lineCount(out) >= 60, "rows of the trickle in " + out);
            String savepoint = rest.stopWithSavepoint(first, cluster.savepointsDir(), TIMEOUT);
            assertThat(savepoint).startsWith(cluster.savepointsDir().toUri().toString().replace("file:///", "file:/"));
            awaitState(cluster, first, "FINISHED");
            int whenStopped = writer.lastId();
            await(cluster, null, () -> writer.lastId() >= whenStopped + 20, "rows written while stopped");

            // 3. Run again from the savepoint; it catches up and follows the trickle.
            String second = rest.runJar(jar, args, Optional.of(savepoint));
            awaitAllTasksRunning(cluster, second, "cluster-e2e");
            JsonNode restored = rest.get("/jobs/" + second + "/checkpoints").path("latest").path("restored");
            assertThat(restored.path("is_savepoint").asBoolean()).as(restored.toString()).isTrue();
            assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);
            int whenResumed = writer.lastId();
            await(cluster, second, () -> lineCount(out) >= whenResumed, "the rows written while stopped");
            int last = writer.stop();
            await(cluster, second, () -> lineCount(out) >= last, "all " + last + " rows in " + out);
            Thread.sleep(1500); // a repeat would arrive by now
            rest.cancel(second);
            awaitState(cluster, second, "CANCELED");

            assertThat(ids(out)).as("ids in %s: each row once", out)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, last).boxed().toList());
            System.out.printf("cluster e2e: %d rows, %d before the stop, %d written while stopped%n", last,
                    whenStopped, whenResumed - whenStopped);
        }
    }

    /**
     * The TaskManager that runs the job is killed with SIGKILL while rows keep coming: the
     * JobManager gives it up, restarts the job from its last checkpoint on the other TaskManager,
     * and Redis and the JDBC table end equal to the source.
     */
    @Test
    void aTaskManagerKilledWithSigkillIsReplacedAndTheTargetsEndEqualToTheSource() throws Exception {
        MariaDbServer db = MariaDbServer.shared();
        RedisServer redis = RedisServer.shared();
        String schema = db.createDatabase("cluster_kill");
        String copy = db.createDatabase("cluster_kill_copy");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        db.execute(copy, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        String[] start = binlogEnd(db);
        String keys = schema + ":";
        String yaml = "job: {name: cluster-kill, parallelism: 1, checkpoint: {interval: 500ms},"
                + " restart: {fixed-delay: {attempts: 20, delay: 1s}}}\n"
                + "source: {hostname: " + db.host() + ", port: " + db.port() + ", username: " + db.user()
                + ", password: \"" + db.password() + "\", server-id: 9410, tables: \"" + schema + "\\\\.t\","
                + " startup: {file: " + start[0] + ", position: " + start[1] + "}}\n"
                + "sinks:\n"
                + "  - {type: redis, name: cache, from: " + schema + ".t, host: " + redis.host() + ", port: "
                + redis.port() + ", key: \"" + keys + "{id}\", format: value, value-column: v}\n"
                + "  - {type: jdbc, name: copy, from: " + schema + ".t, url: \"" + db.jdbcUrl(copy) + "\", username: "
                + db.user() + ", password: \"" + db.password() + "\", table: t}\n";

        try (FlinkCluster cluster = FlinkCluster.start(work.resolve("flink"), FlinkDistribution.fromJobsBuild());
                Writer writer = new Writer(db, schema)) {
            cluster.startTaskManager("tm-2");
            FlinkRest rest = cluster.rest();
            String jar = rest.uploadJar(FlinkDistribution.SLUICE_JAR);
            String job = rest.runJar(jar, List.of("run", "--job-yaml", yaml), Optional.empty());
            awaitAllTasksRunning(cluster, job, "cluster-kill");
            writer.startTrickle(1);
            await(cluster, job, () -> count(db, copy) >= 200, "200 rows in the JDBC copy");

            String victim = busyTaskManager(rest);
            cluster.killTaskManager(victim);
            int atKill = writer.lastId();
            await(cluster, job, () -> count(db, copy) >= atKill + 200, "rows written after the kill in the copy");
            JsonNode restarted = rest.get("/jobs/" + job);
            assertThat(busyTaskManager(rest)).as("the job runs on the other TaskManager").isNotEqualTo(victim);
            int last = writer.stop();
            await(cluster, job, () -> count(db, copy) >= last, "all " + last + " rows in the JDBC copy");
            await(cluster, job, () -> redisKeys(redis, keys) >= last, "all " + last + " keys in Redis");
            Thread.sleep(1500); // a repeat or a late write would arrive by now
            rest.cancel(job);

            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(d.id), MAX(d.id) FROM `" + schema + "`.t s"
                            + " JOIN `" + copy + "`.t d ON d.id = s.id AND d.v = s.v")) {
                rs.next();
                assertThat(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).containsExactly(last, 1, last);
            }
            assertThat(count(db, copy)).isEqualTo(last);
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                assertThat(jedis.keys(keys + "*")).hasSize(last);
                assertThat(jedis.get(keys + last)).isEqualTo("v" + last);
                assertThat(jedis.get(keys + atKill)).isEqualTo("v" + atKill);
            }
            System.out.printf("TaskManager kill: %d rows, %s killed at row %d, job state %s%n", last, victim, atKill,
                    restarted.path("state").asText());
        }
    }

    /** The TaskManager whose slots are in use (the job runs in one slot). */
    private static String busyTaskManager(FlinkRest rest) throws Exception {
        for (JsonNode tm : rest.get("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                return tm.path("id").asText();
            }
        }
        throw new AssertionError("no TaskManager runs a task: " + rest.get("/taskmanagers"));
    }

    private static int count(MariaDbServer db, String database) throws SQLException {
        try (Connection c = db.connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int redisKeys(RedisServer redis, String prefix) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.keys(prefix + "*").size();
        }
    }

    /** Parallelism 2 after the source; a print sink to a file has one writer, in the TaskManager. */
    private static String jobYaml(MariaDbServer db, String schema, String[] start, Path out) {
        return "job: {name: cluster-e2e, parallelism: 2, checkpoint: {interval: 1s}, restart: none}\n"
                + "source:\n"
                + "  hostname: " + db.host() + "\n"
                + "  port: " + db.port() + "\n"
                + "  username: " + db.user() + "\n"
                + "  server-id: 9400\n"
                + "  tables: \"" + schema + "\\\\.t\"\n"
                + "  startup: {file: " + start[0] + ", position: " + start[1] + "}\n"
                + "sinks:\n"
                + "  - {type: print, name: rows, from: " + schema + ".t, path: \"" + out + "\"}\n";
    }

    private static void awaitAllTasksRunning(FlinkCluster cluster, String jobId, String name) throws Exception {
        AtomicReference<JsonNode> job = new AtomicReference<>();
        await(cluster, jobId, () -> {
            job.set(overview(cluster, jobId));
            JsonNode tasks = job.get().path("tasks");
            return "RUNNING".equals(job.get().path("state").asText())
                    && tasks.path("running").asInt() == tasks.path("total").asInt();
        }, "job " + jobId + " RUNNING in /jobs/overview with all its tasks");
        assertThat(job.get().path("name").asText()).isEqualTo(name);
    }

    private static void awaitState(FlinkCluster cluster, String jobId, String state) throws Exception {
        await(cluster, null, () -> state.equals(overview(cluster, jobId).path("state").asText()),
                "job " + jobId + " " + state);
    }

    private static JsonNode overview(FlinkCluster cluster, String jobId) {
        try {
            return cluster.rest().jobOverview(jobId).orElseThrow(
                    () -> new AssertionError("job " + jobId + " is not in /jobs/overview"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code condition}; fails early with the job's exceptions if {@code jobId} fails. */
    private static void await(FlinkCluster cluster, String jobId, Check condition, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (jobId != null) {
                String state = overview(cluster, jobId).path("state").asText();
                if (state.equals("FAILED") || state.equals("CANCELED")) {
                    throw new AssertionError("job " + jobId + " is " + state + " while waiting for " + what + ": "
                            + cluster.rest().get("/jobs/" + jobId + "/exceptions").path("root-exception").asText()
                            + cluster.describe());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what + cluster.describe());
            }
            Thread.sleep(100);
        }
    }

    private static String[] binlogEnd(MariaDbServer db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW MASTER STATUS")) {
            r.next();
            return new String[] {r.getString(1), Long.toString(r.getLong(2))};
        }
    }

    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> ids(Path file) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode change = JSON.readTree(line);
            assertThat(change.path("op").asText()).as(line).isEqualTo("c");
            ids.add(change.path("after").path("id").asInt());
        }
        return ids;
    }

    /** A condition polled by {@link #await}. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Inserts rows with increasing ids: a batch, or a trickle of one row every 10 ms in a thread. */
    private static final class Writer implements AutoCloseable {
        private final MariaDbServer db;
        private final String schema;
        private final AtomicInteger lastId = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean running;
        private Thread thread;

        Writer(MariaDbServer db, String schema) {
            this.db = db;
            this.schema = schema;
        }

        void insert(int from, int to) throws SQLException {
            try (Connection c = db.connect(schema); PreparedStatement insert = insertStatement(c)) {
                for (int id = from; id <= to; id++) {
                    insert(insert, id);
                }
            }
        }

        void startTrickle(int from) {
            running = true;
            thread = new Thread(() -> {
                try (Connection c = db.connect(schema); PreparedStatement insert = insertStatement(c)) {
                    for (int id = from; running; id++) {
                        insert(insert, id);
                        Thread.sleep(10);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "cluster-e2e-writer");
            thread.start();
        }

        /** The id of the last committed row. */
        int lastId() {
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
            return lastId.get();
        }

        /** Stops the trickle; returns the last id written. */
        int stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(TIMEOUT.toMillis());
            }
            return lastId();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(TIMEOUT.toMillis());
            }
        }

        private PreparedStatement insertStatement(Connection c) throws SQLException {
            return c.prepareStatement("INSERT INTO t VALUES (?, ?)");
        }

        private void insert(PreparedStatement insert, int id) throws SQLException {
            insert.setInt(1, id);
            insert.setString(2, "v" + id);
            insert.executeUpdate();
            lastId.set(id);
        }
    }
}
