package io.sluice.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code ./sluice run} end to end on a real MariaDB: the launcher, the shaded jar, a local
 * MiniCluster, the print sink to a file, exit codes, and resuming after a crash.
 */
class SluiceRunITCase {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MariaDbServer db;

    @TempDir
    Path work;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.shared();
    }

    @Test
    void aBoundedRunWritesEveryChangeAsJsonAndExits0() throws Exception {
        String schema = db.createDatabase("bounded");
        db.execute(schema, "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20), amount DECIMAL(8,2))");
        String[] start = binlogEnd();
        db.execute(schema, "INSERT INTO orders VALUES (1, 'a', 1.50), (2, 'b', 2.00)",
                "UPDATE orders SET id = 3 WHERE id = 2",
                "UPDATE orders SET note = '\u00e9t\u00e9 \ud83d\ude00' WHERE id = 1",
                "DELETE FROM orders WHERE id = 1");
        Path job = jobFile("bounded", schema, start, "  stop-at: latest\n", "out/orders.jsonl");

        try (SluiceProcess run = SluiceProcess.start(work, "run", "run", job.toString(), "--web-port", "0")) {
            assertThat(run.waitFor(RUN_TIMEOUT)).as(run.stderr()).isZero();
            assertThat(run.stderr()).containsPattern("sluice: Flink web UI: http://127\\.0\\.0\\.1:\\d+")
                    .contains("sluice: job bounded finished");
        }

        List<JsonNode> lines = lines(work.resolve("out/orders.jsonl"));
        assertThat(lines).extracting(SluiceRunITCase::change).containsExactly(
                "c 1", "c 2", "d 2", "c 3", "u 1", "d 1");
        JsonNode insert = lines.get(0);
        assertThat(insert.get("db").asText()).isEqualTo(schema);
        assertThat(insert.get("table").asText()).isEqualTo("orders");
        assertThat(insert.get("key").toString()).isEqualTo("[\"id\"]");
        assertThat(insert.get("before").isNull()).isTrue();
        assertThat(insert.get("after").toString()).isEqualTo("{\"id\":1,\"note\":\"a\",\"amount\":\"1.50\"}");
        assertThat(lines.get(4).get("after").get("note").asText()).isEqualTo("\u00e9t\u00e9 \ud83d\ude00");
        assertThat(insert.get("source").get("file").asText()).isEqualTo(start[0]);
    }

    @Test
    void aRunAfterACrashResumesWithoutRepeatingOrLosingRows() throws Exception {
        String schema = db.createDatabase("resume");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        String[] start = binlogEnd();
        // Checkpoints 2 s apart leave time for lines to reach the file that no checkpoint covers.
        Path job = jobFile("resume", schema, start, "", "out/t.jsonl", "2s");
        Path out = work.resolve("out/t.jsonl");
        Path checkpoints = work.resolve(".sluice/checkpoints/resume");

        // 1. Run, let it checkpoint rows 1..50, then crash in the middle of a burst of 350 rows: the
        //    print sink's buffer spills lines to the file before the next checkpoint covers them.
        try (SluiceProcess first = SluiceProcess.start(work, "first", "run", job.toString(), "--web-port", "0")) {
            await(() -> Files.exists(out), first);
            insertRows(schema, 1, 50);
            await(() -> lineCount(out) == 50, first);
            long checkpointed = latestCheckpoint(checkpoints);
            await(() -> latestCheckpoint(checkpoints) >= checkpointed + 2, first);
            insertBurst(schema, 51, 400);
            await(() -> lineCount(out) > 50, first);
            first.kill();
        }
        // 2. Rows written while it is down.
        insertRows(schema, 401, 420);

        // 3. Run again: it resumes from the retained checkpoint and catches up; stop it with a savepoint.
        try (SluiceProcess second = SluiceProcess.start(work, "second", "run", job.toString(), "--web-port", "0")) {
            await(() -> lineCount(out) >= 420, second);
            Thread.sleep(1000); // nothing more may come
            second.stop();
            assertThat(second.waitFor(RUN_TIMEOUT)).isNotZero();
            assertThat(second.stderr()).contains("sluice: job resume resumes from " + checkpoints)
                    .contains("sluice: stopped; savepoint file:" + checkpoints + "/savepoint-");
        }
        // Usually the crash left lines after the checkpoint, which the restore cut off (not certain:
        // a checkpoint may have completed just before the kill).
        System.out.println("print sink truncated the file on restore: " + Files.readString(
                work.resolve(".sluice/logs/sluice.log")).contains("Print sink: truncating"));
        assertThat(ids(out)).containsExactlyElementsOf(IntStream.rangeClosed(1, 420).boxed().toList());

        // 4. Once more, from the savepoint.
        insertRows(schema, 421, 430);
        try (SluiceProcess third = SluiceProcess.start(work, "third", "run", job.toString(), "--web-port", "0")) {
            await(() -> lineCount(out) >= 430, third);
            Thread.sleep(1000);
            third.stop();
            assertThat(third.waitFor(RUN_TIMEOUT)).isNotZero();
            assertThat(third.stderr()).contains("resumes from " + checkpoints + "/savepoint-");
        }
        assertThat(ids(out)).containsExactlyElementsOf(IntStream.rangeClosed(1, 430).boxed().toList());

        // 5. --from-scratch ignores the checkpoints: a bounded run reads everything again, then
        //    finishes, which removes them.
        Path bounded = jobFile("resume", schema, start, "  stop-at: latest\n", "out/again.jsonl");
        try (SluiceProcess again = SluiceProcess.start(work, "again", "run", bounded.toString(), "--web-port", "0",
                "--from-scratch")) {
            assertThat(again.waitFor(RUN_TIMEOUT)).as(again.stderr()).isZero();
            assertThat(again.stderr()).contains("--from-scratch: job resume starts at its startup position");
        }
        assertThat(ids(work.resolve("out/again.jsonl")))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 430).boxed().toList());
        assertThat(latestCheckpoint(checkpoints)).isEqualTo(-1);
    }

    @Test
    void aBoundedRunAfterACrashOfAnUnboundedRunResumesAndFinishes() throws Exception {
        String schema = db.createDatabase("crashbounded");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        String[] start = binlogEnd();
        Path job = jobFile("crashbounded", schema, start, "", "out/t.jsonl");
        Path out = work.resolve("out/t.jsonl");
        try (SluiceProcess first = SluiceProcess.start(work, "first", "run", job.toString(), "--web-port", "0")) {
            await(() -> Files.exists(out), first);
            insertRows(schema, 1, 20);
            await(() -> lineCount(out) == 20, first);
            long checkpointed = latestCheckpoint(work.resolve(".sluice/checkpoints/crashbounded"));
            await(() -> latestCheckpoint(work.resolve(".sluice/checkpoints/crashbounded")) >= checkpointed + 2, first);
            first.kill();
        }
        insertRows(schema, 21, 30);
        Path bounded = jobFile("crashbounded", schema, start, "  stop-at: latest\n", "out/t.jsonl");
        try (SluiceProcess second = SluiceProcess.start(work, "second", "run", bounded.toString(), "--web-port", "0")) {
            assertThat(second.waitFor(RUN_TIMEOUT)).as(second.stderr()).isZero();
        }
        assertThat(ids(out)).containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
    }

    @Test
    void aFailedJobExitsNonZeroWithItsRootCause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path job = Files.writeString(work.resolve("down.yaml"), "job: {name: down, restart: none}\n"
                + "source: {hostname: 127.0.0.1, port: " + closedPort + ", username: root, server-id: 9101, "
                + "tables: \"shop\\\\..*\", startup: latest, connect-timeout: 2s}\n"
                + "sinks: [{type: print, from: shop.orders}]\n");

        try (SluiceProcess run = SluiceProcess.start(work, "down", "run", job.toString(), "--web-port", "0")) {
            assertThat(run.waitFor(RUN_TIMEOUT)).isEqualTo(1);
            assertThat(run.stderr()).contains("sluice: job down failed: io.sluice.source.SluiceSourceException: ",
                    "caused by java.net.ConnectException: Connection refused",
                    "it failed before its first checkpoint", "details in " + work.resolve(".sluice/logs/sluice.log"));
        }
    }

    @Test
    void aWebPortInUseIsReported() throws Exception {
        Path job = jobFile("busy", "shop", new String[] {"binlog.000001", "4"}, "", "out/x.jsonl");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                SluiceProcess run = SluiceProcess.start(work, "busy", "run", job.toString(), "--web-port",
                        Integer.toString(busy.getLocalPort()))) {
            assertThat(run.waitFor(RUN_TIMEOUT)).isEqualTo(1);
            assertThat(run.stderr()).contains("sluice: cannot open the web UI on 127.0.0.1:" + busy.getLocalPort()
                    + ": the port is in use; stop what uses it or pass --web-port");
        }
    }

    private Path jobFile(String name, String schema, String[] start, String stop, String path) throws IOException {
        return jobFile(name, schema, start, stop, path, "300ms");
    }

    private Path jobFile(String name, String schema, String[] start, String stop, String path, String interval)
            throws IOException {
        return Files.writeString(work.resolve(name + (stop.isEmpty() ? "" : "-bounded") + ".yaml"),
                "job: {name: " + name + ", checkpoint: {interval: " + interval + "}, restart: none}\n"
                        + "source:\n"
                        + "  hostname: " + db.host() + "\n"
                        + "  port: " + db.port() + "\n"
                        + "  username: " + db.user() + "\n"
                        + "  server-id: 9100\n"
                        + "  tables: \"" + schema + "\\\\..*\"\n"
                        + "  startup: {file: " + start[0] + ", position: " + start[1] + "}\n"
                        + stop
                        + "sinks:\n"
                        + "  - {type: print, from: \"" + schema + "\\\\..*\", path: " + path + "}\n");
    }

    /** The server's current binlog file and position. */
    private static String[] binlogEnd() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW MASTER STATUS")) {
            r.next();
            return new String[] {r.getString(1), Long.toString(r.getLong(2))};
        }
    }

    private static void insertRows(String schema, int from, int to) {
        for (int id = from; id <= to; id++) {
            db.execute(schema, "INSERT INTO t VALUES (" + id + ", 'v" + id + "')");
        }
    }

    /** One multi-row insert: one transaction, emitted by the source in one go. */
    private static void insertBurst(String schema, int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        for (int id = from; id <= to; id++) {
            sql.append(id == from ? "" : ", ").append("(").append(id).append(", 'v").append(id).append("')");
        }
        db.execute(schema, sql.toString());
    }

    private static void await(BooleanSupplier condition, SluiceProcess process) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("sluice exited; " + process.describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; " + process.describe());
            }
            Thread.sleep(100);
        }
    }

    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the newest checkpoint with its metadata written, in any job folder; -1 if none. */
    private static long latestCheckpoint(Path root) {
        if (!Files.isDirectory(root)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")
                            && p.getParent().getFileName().toString().startsWith("chk-"))
                    .mapToLong(p -> Long.parseLong(p.getParent().getFileName().toString().substring(4)))
                    .max().orElse(-1);
        } catch (IOException | UncheckedIOException e) {
            return -1; // a checkpoint was being deleted while listing
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static List<Integer> ids(Path file) throws IOException {
        return lines(file).stream().map(n -> n.get("after").get("id").asInt()).toList();
    }

    private static String change(JsonNode line) {
        JsonNode row = line.get("after").isNull() ? line.get("before") : line.get("after");
        return line.get("op").asText() + " " + row.get("id").asInt();
    }
}
