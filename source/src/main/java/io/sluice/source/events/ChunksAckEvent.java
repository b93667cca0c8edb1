package io.sluice.source.events;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.util.List;

/**
 * Enumerator to reader: the enumerator recorded these finished chunks (or, for {@link
 * io.sluice.source.split.BinlogSplit#ID}, the binlog split the reader gave back); the reader may
 * forget them.
 */
@Internal
public record ChunksAckEvent(List<String> splitIds) implements SourceEvent {
    private static final long serialVersionUID = 1L;

    public ChunksAckEvent {
        splitIds = List.copyOf(splitIds);
    }
}
