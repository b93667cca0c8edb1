package io.sluice.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbServer;

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
