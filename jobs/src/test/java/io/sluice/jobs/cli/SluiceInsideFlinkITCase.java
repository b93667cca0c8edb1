package io.sluice.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jobs.runner.ClusterRunner;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command as Flink runs it ({@code flink run sluice.jar run ...}, or a web UI upload): Flink
 * provides the execution environment, here the test cluster's, and the job is submitted to it.
 */
class SluiceInsideFlinkITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path dir;

    @Test
    void runSubmitsTheJobGivenAsContentToTheClusterThatRunsTheProgram() throws Exception {
        assertThat(ClusterRunner.insideFlink()).isTrue();
        MariaDbServer db = MariaDbServer.shared();
        String schema = db.createDatabase("inside");
        db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY)");
        String start = db.binlogEndAsStartup();
        db.execute(schema, "INSERT INTO t VALUES (1), (2)", "DELETE FROM t WHERE id = 1");
        Path out = dir.resolve("t.jsonl");
        String yaml = "job: {name: inside, parallelism: 2, restart: none}\n"
                + "source: {hostname: " + db.host() + ", port: " + db.port() + ", username: root, server-id: 9200, "
                + "tables: \"" + schema + "\\\\.t\", startup: " + start + ", "
                + "stop-at: latest}\n"
                + "sinks: [{type: print, from: " + schema + ".t, path: \"" + out + "\"}]\n";

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Sluice.execute(new String[] {"run", "--job-yaml", yaml}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("sluice: submitting job inside to the Flink cluster")
                .containsPattern("sluice: job inside \\([0-9a-f]{32}\\) finished");
        assertThat(Files.readAllLines(out)).hasSize(3)
                .satisfies(lines -> assertThat(lines.get(2)).startsWith("{\"op\":\"d\""));
    }

    @Test
    void insideFlinkMainFailsWithTheMessagesInsteadOfExitingTheJvm() {
        assertThatThrownBy(() -> Sluice.main(new String[] {"run", "--job-yaml", "job: {name: x}\n"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sluice run failed (exit code 2):\n<--job-yaml>:1: source: missing required key");
    }
}
