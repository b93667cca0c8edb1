package io.sluice.source.split;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.util.Map;
import java.util.Objects;

/**
 * The one split that reads the binlog: where to start (the next change to read), where to stop
 * (null: never), the schemas of the tables known at the start position, and, right after a
 * snapshot, the chunks' high watermarks that decide which changes the snapshot already holds.
 */
@Internal
public final class BinlogSplit implements SluiceSplit {
    public static final String ID = "binlog";

    private final BinlogPosition start;
    private final BinlogPosition stop;
    private final Map<TableId, TableSchema> schemas;
    private final SnapshotHandover handover;

    public BinlogSplit(BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas) {
        this(start, stop, schemas, null);
    }

    public BinlogSplit(
            BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas, SnapshotHandover handover) {
        this.start = Objects.requireNonNull(start, "start");
        this.stop = stop;
        this.schemas = Map.copyOf(schemas);
        this.handover = handover;
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
        return new BinlogSplit(start, newStop, schemas, handover);
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
                && schemas.equals(s.schemas) && Objects.equals(handover, s.handover);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, stop, schemas, handover);
    }

    @Override
    public String toString() {
        return "BinlogSplit{from " + start + (stop == null ? "" : " to " + stop) + ", " + schemas.size() + " schemas"
                + (handover == null ? "" : ", snapshot handover until " + handover.end()) + "}";
    }
}
