package io.sluice.source.binlog;

import io.sluice.event.Event;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

/**
 * What the binlog thread hands to the reader: an event (or none, for a commit that only moves the
 * position) and the position to resume from once it has been emitted.
 */
@Internal
public record SourceRecord(Event event, BinlogPosition positionAfter) {}
