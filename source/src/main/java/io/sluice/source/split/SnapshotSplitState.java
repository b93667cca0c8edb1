package io.sluice.source.split;

import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

/**
 * A chunk while it is emitted. A checkpoint taken before its last row keeps the chunk unfinished
 * (it is read again after a restore), with the watermark of the read whose rows started to go out;
 * once every row is out it carries its high watermark (see {@link SnapshotSplit#emittedAt()}).
 */
@Internal
public final class SnapshotSplitState implements SluiceSplitState {
    private final SnapshotSplit split;
    private BinlogPosition highWatermark;
    private BinlogPosition emitting;
    private long rowsEmitted;

    public SnapshotSplitState(SnapshotSplit split) {
        this.split = split;
        this.highWatermark = split.highWatermark();
    }

    public SnapshotSplit split() {
        return split;
    }

    public void rowEmitted() {
        rowsEmitted++;
    }

    public long rowsEmitted() {
        return rowsEmitted;
    }

    /** The rows of a read at {@code watermark} start to go out. */
    public void emitting(BinlogPosition watermark) {
        this.emitting = watermark;
    }

    /** True once the rows of a read started to go out (the next watermark record finishes the chunk). */
    public boolean isEmitting() {
        return emitting != null;
    }

    public void finish(BinlogPosition watermark) {
        this.highWatermark = watermark;
    }

    public boolean isFinished() {
        return highWatermark != null;
    }

    @Override
    public SnapshotSplit toSplit() {
        if (split.isFinished()) {
            return split;
        }
        if (highWatermark != null) {
            return split.finished(highWatermark);
        }
        return emitting == null ? split : split.emitting(emitting);
    }
}
