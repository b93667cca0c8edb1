package io.sluice.source.split;

import io.sluice.source.position.BinlogPosition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SnapshotSplitState}: a checkpoint between a chunk's rows keeps the watermark of the read
 * whose rows went out, and a chunk read again after a restore from it counts as read at that one.
 */
class SnapshotSplitStateTest {
    private static final BinlogPosition FIRST = BinlogPosition.at("binlog.000001", 1_000);
    private static final BinlogPosition SECOND = BinlogPosition.at("binlog.000001", 5_000);

    @Test
    void aCheckpointBeforeTheRowsKeepsThePlainChunk() {
        SnapshotSplit chunk = SluiceSplitSerializerCompatibilityTest.snapshotSplitV2();

        assertThat(new SnapshotSplitState(chunk).toSplit()).isEqualTo(chunk);
    }

    @Test
    void aCheckpointBetweenRowsKeepsTheWatermarkOfTheirRead() {
        SnapshotSplitState state = new SnapshotSplitState(SluiceSplitSerializerCompatibilityTest.snapshotSplitV2());
        state.emitting(FIRST);
        state.rowEmitted();

        SnapshotSplit checkpointed = state.toSplit();

        assertThat(checkpointed.isFinished()).isFalse();
        assertThat(checkpointed.emittedAt()).isEqualTo(FIRST);

        // restored and read again later: it counts as read at the first read's watermark
        SnapshotSplitState again = new SnapshotSplitState(checkpointed);
        again.emitting(SECOND);
        again.rowEmitted();
        assertThat(again.toSplit().emittedAt()).isEqualTo(FIRST);
        again.finish(SECOND);
        assertThat(again.toSplit().highWatermark()).isEqualTo(FIRST);
        assertThat(again.toSplit().emittedAt()).isNull();
    }

    @Test
    void aChunkReadOnceIsReadAtItsWatermark() {
        SnapshotSplitState state = new SnapshotSplitState(SluiceSplitSerializerCompatibilityTest.snapshotSplitV2());
        state.emitting(SECOND);
        state.finish(SECOND);

        assertThat(state.isFinished()).isTrue();
        assertThat(state.toSplit().highWatermark()).isEqualTo(SECOND);
    }
}
