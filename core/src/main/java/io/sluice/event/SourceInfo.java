package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Where a change came from: the physical table (routing may give the event another, logical
 * table), and the binlog coordinates of the event that carried it.
 *
 * @param db physical database
 * @param table physical table
 * @param serverId the server id in the binlog event header
 * @param file binlog file of the event
 * @param position position of the event in that file
 * @param gtid the transaction's GTID (MySQL {@code uuid:n}, MariaDB {@code domain-server-seq}),
 *     which is also the transaction id; null when the server has no GTIDs
 * @param timestampMs the event time (commit time on the server), milliseconds since the epoch
 * @param snapshot true for rows read by the snapshot
 */
@PublicEvolving
public record SourceInfo(
        String db,
        String table,
        long serverId,
        String file,
        long position,
        String gtid,
        long timestampMs,
        boolean snapshot)
        implements Serializable {

    public TableId tableId() {
        return new TableId(db, table);
    }
}
