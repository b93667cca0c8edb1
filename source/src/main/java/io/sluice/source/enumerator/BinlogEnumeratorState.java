package io.sluice.source.enumerator;

import io.sluice.source.split.BinlogSplit;

import org.apache.flink.annotation.Internal;

/**
 * The enumerator's checkpoint: the binlog split while no reader holds it (null once assigned),
 * and whether it was ever created (so a restore does not resolve the start position again).
 */
@Internal
public record BinlogEnumeratorState(BinlogSplit unassigned, boolean created) {
    public static BinlogEnumeratorState initial() {
        return new BinlogEnumeratorState(null, false);
    }
}
