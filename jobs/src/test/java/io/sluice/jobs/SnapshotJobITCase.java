package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;
import io.sluice.testkit.MariaDbServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A job file with {@code startup: snapshot} at parallelism 2 on a real MariaDB: the tables'
 * chunks are read by two readers, a route renames a shard, and every pre-existing row reaches the
 * print sink exactly once, as a snapshot read.
 */
class SnapshotJobITCase {

    /** More rows than one chunk (8192 by default), so both readers get chunks of the big table. */
    private static final int ORDERS = 20_000;
    private static final int USERS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path work;

    @Test
    void everyRowArrivesOnceAsASnapshotRead() throws Exception {
        MariaDbServer db = MariaDbServer.shared();
        String schema = db.createDatabase("snapjob");
        db.execute(schema, "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20))",
                "CREATE TABLE users_0 (id INT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE empty_t (id INT PRIMARY KEY)",
                insert("orders", 1, ORDERS), insert("users_0", 1, USERS));
        Path out = work.resolve("out/rows.jsonl");
        String yaml = "job: {name: snapjob, parallelism: 2, checkpoint: {interval: 300ms}, restart: none}\n"
                + "source:\n"
                + "  hostname: " + db.host() + "\n"
                + "  port: " + db.port() + "\n"
                + "  username: " + db.user() + "\n"
                + "  server-id: 9200-9201\n"
                + "  tables: \"" + schema + "\\\\..*\"\n"
                + "  startup: snapshot\n"
                + "routes:\n  - {from: \"" + schema + "\\\\.users_\\\\d+\", to: " + schema + ".users}\n"
                + "sinks:\n"
                + "  - {type: print, from: \"" + schema + "\\\\..*\", path: " + out + "}\n";
        JobConfig job = JobFiles.parse(yaml, "snapjob.yaml", Map.of(), work, List.of(),
                TopologyBuilder.CHECKS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(job.job()));
        new TopologyBuilder(job).build(env);
        env.execute(job.job().name());

        List<String> changes = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode row = JSON.readTree(line);
            changes.add(row.get("op").asText() + " " + row.get("table").asText() + " " + row.get("after").get("id"));
        }
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, ORDERS).forEach(id -> expected.add("r orders " + id));
        IntStream.rangeClosed(1, USERS).forEach(id -> expected.add("r users " + id));
        assertThat(changes).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String insert(String table, int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int id = from; id <= to; id++) {
            sql.append(id == from ? "" : ", ").append('(').append(id).append(", 'v").append(id).append("')");
        }
        return sql.toString();
    }
}
