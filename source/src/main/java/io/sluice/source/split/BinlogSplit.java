package io.sluice.source.split;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

import java.util.Map;
import java.util.Objects;

/**
 * The one split that reads the binlog: where to start (the next change to read), where to stop
 * (null: never), and the schemas of the tables known at the start position.
 */
@Internal
public final class BinlogSplit implements SourceSplit {
    public static final String ID = "binlog";

    private final BinlogPosition start;
    private final BinlogPosition stop;
    private final Map<TableId, TableSchema> schemas;

    public BinlogSplit(BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas) {
        this.start = Objects.requireNonNull(start, "start");
        this.stop = stop;
        this.schemas = Map.copyOf(schemas);
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

    public Map<TableId, TableSchema> schemas() {
        return schemas;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinlogSplit s && start.equals(s.start) && Objects.equals(stop, s.stop) && schemas.equals(s.schemas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, stop, schemas);
    }

    @Override
    public String toString() {
        return "BinlogSplit{from " + start + (stop == null ? "" : " to " + stop) + ", " + schemas.size() + " schemas}";
    }
}
