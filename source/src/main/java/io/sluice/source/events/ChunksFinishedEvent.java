package io.sluice.source.events;

import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.util.List;

/**
 * Reader to enumerator: these chunks were read and every row of them emitted; each carries its
 * high watermark. Sent again after a restore until {@link ChunksAckEvent} confirms it, so the
 * enumerator handles a repeat as a no-op (the last report of a chunk wins).
 */
@Internal
public record ChunksFinishedEvent(List<SnapshotSplit> chunks) implements SourceEvent {
    private static final long serialVersionUID = 1L;

    public ChunksFinishedEvent {
        chunks = List.copyOf(chunks);
        for (SnapshotSplit s : chunks) {
            if (!s.isFinished()) {
                throw new IllegalArgumentException("chunk " + s + " has no high watermark");
            }
        }
    }
}
