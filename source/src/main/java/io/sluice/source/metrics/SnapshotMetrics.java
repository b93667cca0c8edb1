package io.sluice.source.metrics;

import io.sluice.event.TableId;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The snapshot's progress, per table under {@code db.<db>.table.<table>.}:
 *
 * <ul>
 *   <li>on the enumerator ({@code <job>.<source>.coordinator.enumerator.db.<db>.table.<table>.}):
 *       {@value #CHUNKS_FINISHED} and {@value #CHUNKS_TOTAL} (exact once the table is cut to its
 *       end or cut arithmetically, an estimate from the table's row count before);
 *   <li>on each reader ({@code <job>.<source>.<subtask>.db.<db>.table.<table>.}): {@value
 *       #ROWS_READ} and {@value #CHUNKS_READ}; and per reader ({@code <job>.<source>.<subtask>.})
 *       {@value #CHUNKS_BACKFILLED}: chunks whose table changed while they were selected, reconciled
 *       with the binlog between their watermarks.
 * </ul>
 */
@Internal
public final class SnapshotMetrics {
    public static final String CHUNKS_FINISHED = "snapshotChunksFinished";
    public static final String CHUNKS_TOTAL = "snapshotChunksTotal";
    public static final String ROWS_READ = "snapshotRowsRead";
    public static final String CHUNKS_READ = "snapshotChunksRead";
    public static final String CHUNKS_BACKFILLED = "snapshotChunksBackfilled";

    private final MetricGroup group;
    private final Map<TableId, Progress> progress = new HashMap<>();
    private final Map<TableId, Reads> reads = new HashMap<>();

    /** Chunks of one table, as the enumerator knows them. */
    private static final class Progress {
        volatile long finished;
        volatile long total;
    }

    /** What one reader read of one table. */
    private record Reads(Counter rows, Counter chunks) {}

    private final AtomicLong backfills = new AtomicLong();

    private SnapshotMetrics(MetricGroup group) {
        this.group = group;
    }

    /** The enumerator's metrics. */
    public static SnapshotMetrics enumerator(MetricGroup group) {
        return new SnapshotMetrics(group);
    }

    /** A reader's metrics. */
    public static SnapshotMetrics reader(MetricGroup group) {
        SnapshotMetrics m = new SnapshotMetrics(group);
        group.gauge(CHUNKS_BACKFILLED, m.backfills::get);
        return m;
    }

    /** Enumerator side: the chunks of a table finished so far, and how many it has. */
    public void progress(TableId table, long finished, long total) {
        Progress p = progress.get(table);
        if (p == null) {
            Progress created = new Progress();
            MetricGroup g = tableGroup(table);
            g.gauge(CHUNKS_FINISHED, () -> created.finished);
            g.gauge(CHUNKS_TOTAL, () -> created.total);
            progress.put(table, created);
            p = created;
        }
        p.finished = finished;
        p.total = total;
    }

    /** Reader side: a chunk of {@code rows} rows was emitted; called on the task thread only. */
    public void chunkRead(TableId table, long rows) {
        Reads r = reads.computeIfAbsent(table, t -> {
            MetricGroup g = tableGroup(t);
            return new Reads(g.counter(ROWS_READ), g.counter(CHUNKS_READ));
        });
        r.rows().inc(rows);
        r.chunks().inc();
    }

    /** Reader side: a chunk needed the binlog between its watermarks; any thread. */
    public void backfilled() {
        backfills.incrementAndGet();
    }

    private MetricGroup tableGroup(TableId table) {
        return group.addGroup("db", table.db()).addGroup("table", table.table());
    }
}
