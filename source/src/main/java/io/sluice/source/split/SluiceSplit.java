package io.sluice.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A unit of work of the source: the one {@link BinlogSplit}, or a {@link SnapshotSplit} (one key
 * range of one table, read by any reader).
 */
@Internal
public sealed interface SluiceSplit extends SourceSplit permits BinlogSplit, SnapshotSplit {}
