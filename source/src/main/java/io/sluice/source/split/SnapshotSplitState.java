package io.sluice.source.split;

import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

/**
 * A chunk while it is emitted. A checkpoint taken before its last row keeps the chunk unread (it is
 * read again after a restore); once every row is out it carries its high watermark.
 */
@Internal
public final class SnapshotSplitState implements SluiceSplitState {
    private final SnapshotSplit split;
    private BinlogPosition highWatermark;
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

    public void finish(BinlogPosition watermark) {
        this.highWatermark = watermark;
    }

    public boolean isFinished() {
        return highWatermark != null;
    }

    @Override
    public SnapshotSplit toSplit() {
        return highWatermark == null || split.isFinished() ? split : split.finished(highWatermark);
    }
}
