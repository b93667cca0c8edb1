package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.SnapshotHandover;
import io.sluice.source.split.SnapshotHandover.TableWatermarks;
import io.sluice.source.split.SnapshotHandover.WatermarkRange;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands out snapshot chunks and collects their high watermarks: plain Java, no Flink. Tables are
 * planned when their turn comes and cut one chunk at a time, so the state holds a cursor per
 * table, the chunks handed back by failed readers, and the finished chunks as merged runs.
 */
@Internal
public final class SnapshotAssigner {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssigner.class);

    private final Deque<TableId> unplanned;
    private final LinkedHashMap<TableId, TableChunks> tables;
    private final Deque<SnapshotSplit> returned;

    SnapshotAssigner(Collection<TableId> unplanned, Collection<TableChunks> tables, Collection<SnapshotSplit> returned) {
        this.unplanned = new ArrayDeque<>(unplanned);
        this.tables = new LinkedHashMap<>();
        for (TableChunks t : tables) {
            this.tables.put(t.table(), t);
        }
        this.returned = new ArrayDeque<>(returned);
    }

    /** The next chunk to read, cutting (and planning tables) as needed; empty when all were handed out. */
    Optional<SnapshotSplit> next(ChunkPlanner planner) {
        if (!returned.isEmpty()) {
            return Optional.of(returned.poll());
        }
        for (TableChunks t : tables.values()) {
            if (!t.exhausted) {
                return Optional.of(planner.next(t));
            }
        }
        while (!unplanned.isEmpty()) {
            TableId table = unplanned.poll();
            Optional<TableChunks> planned = planner.plan(table);
            if (planned.isEmpty()) {
                LOG.info("table {} was dropped before its snapshot", table);
                continue;
            }
            TableChunks t = planned.get();
            tables.put(table, t);
            LOG.info("snapshot of {}: key {}, {} rows estimated, {}", table, t.key.names(), t.estimatedRows,
                    t.isEven() ? "cut every " + t.evenStep + " key values" : "cut by query");
            return Optional.of(planner.next(t));
        }
        return Optional.empty();
    }

    /** A chunk a failed reader held: read it again. */
    void returned(SnapshotSplit split) {
        returned.add(split);
    }

    /** Records a finished chunk and its high watermark; the latest report of a chunk wins. */
    void finished(SnapshotSplit split) {
        TableChunks t = tables.get(split.table());
        if (t == null) {
            LOG.warn("ignoring the report of chunk {} of a table the snapshot does not know", split);
            return;
        }
        t.finished.add(split.index(), split.low(), split.high(), split.highWatermark());
    }

    /** True when every chunk of every table was read. */
    boolean isFinished() {
        if (!unplanned.isEmpty() || !returned.isEmpty()) {
            return false;
        }
        for (TableChunks t : tables.values()) {
            if (!t.isComplete()) {
                return false;
            }
        }
        return true;
    }

    /** Captured tables to snapshot too: those not planned or read yet are added at the end. */
    void addTables(Collection<TableId> more) {
        for (TableId t : more) {
            if (!tables.containsKey(t) && !unplanned.contains(t)) {
                unplanned.add(t);
            }
        }
    }

    /**
     * The watermarks the binlog split needs when it starts at {@code start} after the snapshot;
     * null when it needs none (no chunk was read after {@code start}).
     */
    SnapshotHandover handover(BinlogPosition start) {
        BinlogPosition max = null;
        Map<TableId, TableWatermarks> byTable = new HashMap<>();
        for (TableChunks t : tables.values()) {
            List<WatermarkRange> ranges = new ArrayList<>();
            for (FinishedChunks.Run run : t.finished.runs()) {
                ranges.add(new WatermarkRange(run.low(), run.high(), run.watermark()));
                max = max == null || run.watermark().compareTo(max) > 0 ? run.watermark() : max;
            }
            byTable.put(t.table(), new TableWatermarks(t.key, ranges));
        }
        // every chunk at or before the start (e.g. all at one position after an initial snapshot): nothing to filter
        return max == null || max.compareTo(start) <= 0 ? null : new SnapshotHandover(max, byTable);
    }

    /** The smallest high watermark: where the binlog split starts; null when no table was read. */
    BinlogPosition lowestWatermark() {
        BinlogPosition min = null;
        for (TableChunks t : tables.values()) {
            for (FinishedChunks.Run run : t.finished.runs()) {
                min = min == null || run.watermark().compareTo(min) < 0 ? run.watermark() : min;
            }
        }
        return min;
    }

    Collection<TableId> unplanned() {
        return unplanned;
    }

    Collection<TableChunks> tables() {
        return tables.values();
    }

    Collection<SnapshotSplit> returnedSplits() {
        return returned;
    }
}
