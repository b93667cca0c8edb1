package io.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Fails a job several times in the middle of a snapshot of tables that are written meanwhile, and
 * once after the hand-over to the binlog: restored from checkpoints taken between chunks, it reads
 * only the unfinished chunks again, and the upserted result equals the tables.
 */
class SnapshotRestoreITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    @SuppressWarnings("deprecation")
    void restoresInTheMiddleOfTheSnapshotWithoutLossOrRepeat() throws Exception {
        int initialRows = 6_000 + 4_000 + 4_000;
        try (SnapshotWorkload workload = new SnapshotWorkload(server, "snaprestore", 6_000, 4_000, 4_000)) {
            BinlogSourceConfig config = workload.config(2, 200).build();
            UpsertState.reset();
            workload.startWriting(11, 3_000);
            StreamExecutionEnvironment env = SourceTestSupport.env();
            env.setParallelism(2);
            env.enableCheckpointing(100);
            env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, Time.milliseconds(200)));
            CloseableIterator<String> it = env
                    .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                    .transform("upserts", Types.STRING, new UpsertState(300, 2_500, 6_000, 9_500))
                    .setParallelism(1)
                    .collectAsync();
            JobClient job = env.executeAsync("snapshot restore test");
            String result;
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (UpsertState.BINLOG_ROWS_SEEN.get() < 800 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(500);
                workload.stopWriting();
                workload.insertMarker();
                result = it.hasNext() ? it.next() : null;
            } finally {
                it.close();
                job.cancel();
            }
            Map<String, String> actual = new TreeMap<>();
            for (String line : result.split("\n")) {
                if (!line.isEmpty()) {
                    int tab = line.indexOf('\t');
                    actual.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            Map<String, String> expected = workload.expected();
            System.out.println("snapshot restore test: " + workload.writes() + " writes, " + UpsertState.SEEN.get()
                    + " records seen, " + UpsertState.SNAPSHOT_ROWS_SEEN.get() + " snapshot rows and "
                    + UpsertState.BINLOG_ROWS_SEEN.get() + " binlog changes seen for "
                    + initialRows + " rows at the start; restored with " + UpsertState.RESTORED_WITH_ROWS
                    + " rows; " + expected.size() + " rows at the end");

            assertThat(UpsertState.RESTORED_WITH_ROWS).as("restores from checkpoints").hasSizeGreaterThanOrEqualTo(4);
            assertThat(UpsertState.BINLOG_ROWS_SEEN.get()).as("binlog changes after the snapshot").isGreaterThan(800);
            assertThat(UpsertState.RESTORED_WITH_ROWS)
                    .as("restores in the middle of the snapshot")
                    .anyMatch(n -> n > 0 && n < initialRows - 1_000);
            // only the chunks that were not finished at the checkpoint are read again
            assertThat(UpsertState.SNAPSHOT_ROWS_SEEN.get()).isLessThan(initialRows * 3 / 2);
            assertThat(SnapshotWorkload.differences(expected, actual)).isEmpty();
            assertThat(actual).isEqualTo(expected);
        }
    }
}
