package io.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots of tables that are written meanwhile ({@code initial}): the stream of snapshot rows
 * and binlog changes, applied as upserts and deletes, ends equal to the tables.
 */
class SnapshotITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void snapshotWhileWritingThenBinlogEqualsTheTables() throws Exception {
        try (SnapshotWorkload workload = new SnapshotWorkload(server, "snap", 3_000, 2_000, 2_000)) {
            BinlogSourceConfig config = workload.config(2, 97).build();
            workload.startWriting(7, 2_000);
            List<Event> events = new CopyOnWriteArrayList<>();
            StreamExecutionEnvironment env = SourceTestSupport.env();
            env.setParallelism(2);
            env.enableCheckpointing(200);
            CloseableIterator<Event> it = env
                    .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                    .collectAsync();
            JobClient job = env.executeAsync("snapshot test");
            Thread drainer = new Thread(() -> it.forEachRemaining(events::add));
            drainer.setDaemon(true);
            drainer.start();
            try {
                // write while the snapshot runs and a while after it
                long deadline = System.currentTimeMillis() + 60_000;
                while (events.stream().noneMatch(e -> e instanceof RowChange r && !r.source().snapshot())
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(1_000);
                workload.stopWriting();
                workload.insertMarker();
                deadline = System.currentTimeMillis() + 60_000;
                while (events.stream().noneMatch(SnapshotWorkload::isMarker) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                it.close();
                job.cancel();
            }
            Map<String, String> expected = workload.expected();
            Map<String, String> actual = SnapshotWorkload.applyAll(events);
            long snapshotRows = events.stream().filter(SnapshotWorkload::isSnapshotRow).count();
            System.out.println("snapshot test: " + workload.writes() + " writes, " + events.size() + " events, "
                    + snapshotRows + " snapshot rows, " + expected.size() + " rows at the end");

            assertThat(events).anyMatch(SnapshotWorkload::isMarker);
            assertThat(workload.writes()).isGreaterThan(100);
            assertThat(snapshotRows).isGreaterThan(6_000);
            assertThat(events.stream().filter(SnapshotWorkload::isSnapshotRow)
                    .allMatch(e -> e.source().snapshot())).isTrue();
            assertThat(SnapshotWorkload.differences(expected, actual)).isEmpty();
            // no gap and no repeat: every change follows from the row as the stream had it
            assertThat(SnapshotWorkload.inconsistencies(events)).isEmpty();
            assertThat(actual).isEqualTo(expected);
        }
    }
}
