package io.sluice.source.split;

import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one split that reads the binlog: where to start (the next change to read), where to stop
 * (null: never), the schemas of the tables known at the start position, and, right after a
 * snapshot, the chunks' high watermarks that decide which changes the snapshot already holds;
 * and the rows of XA transactions prepared before the start and not yet committed.
 */
@Internal
public final class BinlogSplit implements SluiceSplit {
    public static final String ID = "binlog";

    private final BinlogPosition start;
    private final BinlogPosition stop;
    private final Map<TableId, TableSchema> schemas;
    private final SnapshotHandover handover;
    private final Map<String, List<RowChange>> preparedXa;

    public BinlogSplit(BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas) {
        this(start, stop, schemas, null);
    }

    public BinlogSplit(
            BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas, SnapshotHandover handover) {
        this(start, stop, schemas, handover, Map.of());
    }

    /**
     * @param preparedXa XA transactions prepared before {@code start} and neither committed nor
     *     rolled back there, by XID in the binlog's spelling ({@code X'6131',X'',1}), in prepare
     *     order: their rows go out when the binlog commits them
     */
    public BinlogSplit(BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas,
            SnapshotHandover handover, Map<String, List<RowChange>> preparedXa) {
        this.start = Objects.requireNonNull(start, "start");
        this.stop = stop;
        this.schemas = Map.copyOf(schemas);
        this.handover = handover;
        Map<String, List<RowChange>> xa = new LinkedHashMap<>();
        preparedXa.forEach((xid, rows) -> xa.put(xid, List.copyOf(rows)));
        this.preparedXa = Collections.unmodifiableMap(xa);
    }

    @Override
    public String splitId() {
        return ID;
    }

    public BinlogPosition start() {
        return start;
    }

    public BinlogPosition stop() {
        return stop;
    }

    /** The same split ending at {@code newStop}. */
    public BinlogSplit withStop(BinlogPosition newStop) {
        return new BinlogSplit(start, newStop, schemas, handover, preparedXa);
    }

    /** The same split with another snapshot handover. */
    public BinlogSplit withHandover(SnapshotHandover newHandover) {
        return new BinlogSplit(start, stop, schemas, newHandover, preparedXa);
    }

    /** Prepared XA transactions waiting for their commit, by XID, in prepare order. */
    public Map<String, List<RowChange>> preparedXa() {
        return preparedXa;
    }

    public Map<TableId, TableSchema> schemas() {
        return schemas;
    }

    /** The snapshot's watermarks while the binlog has not passed the last one; null otherwise. */
    public SnapshotHandover handover() {
        return handover;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinlogSplit s && start.equals(s.start) && Objects.equals(stop, s.stop)
                && schemas.equals(s.schemas) && Objects.equals(handover, s.handover)
                && preparedXa.equals(s.preparedXa);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, stop, schemas, handover, preparedXa);
    }

    @Override
    public String toString() {
        return "BinlogSplit{from " + start + (stop == null ? "" : " to " + stop) + ", " + schemas.size() + " schemas"
                + (handover == null ? "" : ", snapshot handover until " + handover.end())
                + (preparedXa.isEmpty() ? "" : ", " + preparedXa.size() + " prepared XA transactions") + "}";
    }
}
