package io.sluice.source.split;

import org.apache.flink.annotation.Internal;

/** The mutable state of a split while a reader holds it. */
@Internal
public sealed interface SluiceSplitState permits BinlogSplitState, SnapshotSplitState {
    SluiceSplit toSplit();
}
