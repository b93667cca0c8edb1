package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * The enumerator's checkpoint.
 *
 * @param unassigned the binlog split while no reader holds it (null once assigned)
 * @param created whether the binlog split was created (so a restore does not resolve its start
 *     again), or, for a snapshot-only source, whether the snapshot finished
 * @param snapshot the snapshot's progress while it runs; null when there is none
 */
@Internal
public record EnumeratorState(BinlogSplit unassigned, boolean created, Snapshot snapshot) {

    /** A fresh source. */
    public static EnumeratorState initial() {
        return new EnumeratorState(null, false, null);
    }

    /**
     * The snapshot's progress.
     *
     * @param stop the resolved stop position of a bounded {@code initial} source, or null
     * @param unplanned captured tables whose chunks were not cut yet
     * @param tables tables being cut or read: their cursors and finished chunks
     * @param returned chunks handed back by failed readers, to read again
     */
    public record Snapshot(
            BinlogPosition stop, List<TableId> unplanned, List<TableChunks> tables, List<SnapshotSplit> returned) {}
}
