package io.sluice.source.events;

import io.sluice.event.TableId;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplitSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reader to enumerator: the reader stopped reading the binlog split and gives it back, at the
 * position of the next change to read, so the enumerator can snapshot {@code tables} first (a
 * populated table renamed into a captured name; empty: a restored split, handed back so tables
 * that newly match the patterns can be snapshotted). Kept in the reader's checkpoints and sent
 * again after a restore until {@link ChunksAckEvent} names {@link BinlogSplit#ID}. The split
 * travels in its versioned bytes, not by Java serialization.
 */
@Internal
public final class BinlogSplitReturnedEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final int version;
    private final byte[] split;
    private final List<TableId> tables;

    public BinlogSplitReturnedEvent(BinlogSplit split, List<TableId> tables) {
        try {
            this.version = SluiceSplitSerializer.INSTANCE.getVersion();
            this.split = SluiceSplitSerializer.INSTANCE.serialize(split);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + split, e);
        }
        this.tables = List.copyOf(tables);
    }

    public BinlogSplit split() {
        try {
            return (BinlogSplit) SluiceSplitSerializer.INSTANCE.deserialize(version, split);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the returned binlog split", e);
        }
    }

    /** The tables to snapshot before the binlog continues. */
    public List<TableId> tables() {
        return tables;
    }

    @Override
    public String toString() {
        return "BinlogSplitReturnedEvent{" + tables + "}";
    }
}
