package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.core.table.TableFilter;
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
 * @param captured the table patterns whose tables the job reads already (snapshotted or
 *     streamed): a restore with wider patterns snapshots the tables only the new ones match. Null
 *     in a state written before Sluice kept it (nothing is then known to be new).
 */
@Internal
public record EnumeratorState(BinlogSplit unassigned, boolean created, Snapshot snapshot, TableFilter captured) {

    public EnumeratorState(BinlogSplit unassigned, boolean created, Snapshot snapshot) {
        this(unassigned, created, snapshot, null);
    }

    /** A fresh source. */
    public static EnumeratorState initial() {
        return new EnumeratorState(null, false, null, null);
    }

    /**
     * The snapshot's progress.
     *
     * @param stop the resolved stop position of a bounded {@code initial} source, or null
     * @param unplanned captured tables whose chunks were not cut yet
     * @param tables tables being cut or read: their cursors and finished chunks
     * @param returned chunks handed back by failed readers, to read again
     * @param resume for the snapshot of tables that appeared later: the binlog split, stopped
     *     while they are read, that continues afterwards; null for the snapshot at the start
     */
    public record Snapshot(BinlogPosition stop, List<TableId> unplanned, List<TableChunks> tables,
            List<SnapshotSplit> returned, BinlogSplit resume) {

        public Snapshot(BinlogPosition stop, List<TableId> unplanned, List<TableChunks> tables,
                List<SnapshotSplit> returned) {
            this(stop, unplanned, tables, returned, null);
        }
    }
}
