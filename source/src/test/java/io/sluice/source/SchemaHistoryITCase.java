package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Without full row metadata the schema comes from information_schema: refreshed on each DDL of a
 * tracked table, and kept in the checkpoint so a restore reads older rows with the older schema.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemaHistoryITCase {
    private static MariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = MariaDbServer.builder().rowMetadata("MINIMAL").start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void replayingAcrossADdlWithoutStateNamesTheFix() throws Exception {
        String db = server.createDatabase("history");
        server.execute(db, "CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10))");
        StartupOptions before = now(server);
        server.execute(db, "INSERT INTO t VALUES (1, 'x')", "ALTER TABLE t ADD COLUMN c INT DEFAULT 7");

        assertThatThrownBy(() -> readUntilNow(config(server, db).startup(before)))
                .hasStackTraceContaining("table " + db + ".t has 2 columns in the binlog but 3")
                .hasStackTraceContaining("Set binlog_row_metadata=FULL");
    }

    @Test
    void restoreReadsOlderRowsWithTheSchemaKeptInState(@TempDir Path savepoints) throws Exception {
        String db = server.createDatabase("kept");
        server.execute(db, "CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10))");
        BinlogSourceConfig config = config(server, db).startup(now(server)).build();

        String savepoint;
        List<Event> first = new ArrayList<>();
        try (Job job = Job.start(config, null)) {
            server.execute(db, "INSERT INTO t VALUES (1, 'x')");
            first.add(job.next());
            savepoint = job.client.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
        }
        assertThat(((RowChange) first.get(0)).after()).containsExactly(1L, "x");
        // a row in the old shape, then the DDL, then a row in the new shape, all while stopped
        server.execute(db,
                "INSERT INTO t VALUES (3, 'z')",
                "ALTER TABLE t ADD COLUMN c INT DEFAULT 7",
                "INSERT INTO t VALUES (2, 'y', 8)");

        try (Job job = Job.start(config, savepoint)) {
            List<Event> events = List.of(job.next(), job.next(), job.next());
            assertThat(events).extracting(e -> e.getClass().getSimpleName())
                    .as("%s", events).containsExactly("RowChange", "SchemaChange", "RowChange");
            RowChange old = (RowChange) events.get(0);
            SchemaChange ddl = (SchemaChange) events.get(1);
            RowChange now = (RowChange) events.get(2);
            assertThat(old.schema().columnNames()).containsExactly("a", "b");
            assertThat(old.after()).containsExactly(3L, "z");
            assertThat(ddl.schema().columnNames()).containsExactly("a", "b", "c");
            assertThat(now.schema().columnNames()).containsExactly("a", "b", "c");
            assertThat(now.after()).containsExactly(2L, "y", 8L);
        }
    }

    /** An unbounded source job, optionally restored from a savepoint; closing it cancels the job. */
    private static final class Job implements AutoCloseable {
        final JobClient client;
        final CloseableIterator<Event> events;

        private Job(JobClient client, CloseableIterator<Event> events) {
            this.client = client;
            this.events = events;
        }

        static Job start(BinlogSourceConfig config, String savepoint) throws Exception {
            Configuration conf = new Configuration();
            if (savepoint != null) {
                conf.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
                // only the source's state is restored: Flink's collect sink would replay the
                // results it still held at the savepoint
                conf.set(SavepointConfigOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            env.getConfig().disableGenericTypes();
            DataStream<Event> stream = env
                    .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                    .uid("binlog");
            if (savepoint != null) {
                stream = stream.map(e -> e).returns(EventTypeInfo.INSTANCE).uid("after-restore");
            }
            CloseableIterator<Event> events = stream.collectAsync();
            return new Job(env.executeAsync("schema history"), events);
        }

        Event next() {
            return events.next();
        }

        @Override
        public void close() throws Exception {
            events.close();
        }
    }
}
