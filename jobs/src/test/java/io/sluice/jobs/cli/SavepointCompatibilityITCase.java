package io.sluice.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A savepoint written by the previous version (commit 0ba2330, before the core module and the
 * sink plug-in point) restores into this one: the operator uids and the state serializers of the
 * source, a join, an aggregate and the print sinks still match, and what the job writes after
 * the restore is computed from the restored state (see {@code savepoints/v0.1.0-0ba2330/README.md}).
 */
class SavepointCompatibilityITCase {

    private static final Path SAVED = Path.of("src/test/resources/savepoints/v0.1.0-0ba2330");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void aSavepointOfThePreviousVersionRestoresWithItsState() throws Exception {
        // The server that wrote the savepoint is gone: a new one serves its binlog file, so the
        // restored source finds its position, then reads on into the new server's own binlog.
        Path binlogs = Files.createDirectories(work.resolve("binlogs"));
        Files.copy(SAVED.resolve("binlog.000001"), binlogs.resolve("binlog.000001"));
        Files.writeString(binlogs.resolve("binlog.index"), binlogs.resolve("binlog.000001") + "\n");
        try (MariaDbServer db = MariaDbServer.builder().extraArgs("--log-bin=" + binlogs.resolve("binlog")).start()) {
            // the tables as they were when the savepoint was taken, without binlog events
            db.execute(null, "SET SESSION sql_log_bin = 0", "CREATE DATABASE shop",
                    "CREATE TABLE shop.users (id BIGINT PRIMARY KEY, name VARCHAR(40))",
                    "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, user_id BIGINT, amount DECIMAL(10,2), "
                            + "sku VARCHAR(20))",
                    "INSERT INTO shop.users VALUES (1, 'ann'), (2, 'bobby'), (3, 'cid')",
                    "INSERT INTO shop.orders VALUES (10, 1, 6.00, 'a'), (11, 1, 4.50, 'b'), (12, 2, 7.00, 'a'), "
                            + "(14, 2, 3.00, 'b')");
            db.execute(null, "INSERT INTO shop.orders VALUES (15, 1, 2.00, 'c')",
                    "UPDATE shop.users SET name = 'ann2' WHERE id = 1",
                    "DELETE FROM shop.orders WHERE id = 12");

            Path savepoint = Files.createDirectories(
                    work.resolve(".sluice/checkpoints/compat/savepoint-a22ce6-98dfed0bf3a3"));
            Files.copy(SAVED.resolve("_metadata"), savepoint.resolve("_metadata"));
            Path job = work.resolve("job.yaml");
            Files.writeString(job, Files.readString(SAVED.resolve("job.yaml"), StandardCharsets.UTF_8)
                    .replace("port: 33991", "port: " + db.port())
                    .replace("  startup: initial\n", "  startup: initial\n  stop-at: latest\n"));

            try (SluiceProcess run = SluiceProcess.start(work, "restore", "run", job.toString(), "--web-port", "0")) {
                assertThat(run.waitFor(RUN_TIMEOUT)).as(run.stderr()).isZero();
                assertThat(run.stderr()).contains("resumes from " + savepoint);
            }
        }

        // the groups' last values (the two aggregate subtasks write in no set order between groups):
        // user 1: orders 10 (6.00, a) and 11 (4.50, b) come from the restored state, 15 is new;
        // user 2: order 14 (3.00, b) stays after 12 is deleted
        List<String> totals = Files.readAllLines(work.resolve("totals.jsonl"));
        assertThat(last(totals, "\"after\":{\"user_id\":1,"))
                .contains("\"after\":{\"user_id\":1,\"orders\":3,\"amount\":\"12.50\",\"items\":3}");
        assertThat(last(totals, "\"after\":{\"user_id\":2,"))
                .contains("\"after\":{\"user_id\":2,\"orders\":1,\"amount\":\"3.00\",\"items\":1}");
        // the restored join re-emits order 10 (kept in its state) with the renamed buyer
        List<String> docs = Files.readAllLines(work.resolve("docs.jsonl"));
        assertThat(docs).anySatisfy(line -> assertThat(line).contains("\"id\":10", "\"amount\":\"6.00\"",
                "\"buyer\":\"ann2\""));
        assertThat(docs).anySatisfy(line -> assertThat(line).startsWith("{\"op\":\"d\"").contains("\"id\":12"));
    }

    /** The last line holding {@code text}; fails when there is none. */
    private static String last(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no line with " + text + " in " + lines));
    }
}
