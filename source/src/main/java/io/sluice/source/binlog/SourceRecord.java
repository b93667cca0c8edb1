package io.sluice.source.binlog;

import io.sluice.event.Event;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

/**
 * What the binlog thread hands to the reader: an event (or none, for a commit that only moves the
 * position) and the position to resume from once it has been emitted. Inside a transaction that
 * position is the transaction's start plus the row events and rows already emitted; the two counts
 * are kept apart from the shared start, so a row change costs no position object of its own.
 */
@Internal
public final class SourceRecord {
    private final Event event;
    private final BinlogPosition base;
    private final long eventsToSkip;
    private final long rowsToSkip;

    /** A record that resumes at {@code positionAfter}, or that moves no position when it is null. */
    public SourceRecord(Event event, BinlogPosition positionAfter) {
        this(event, positionAfter,
                positionAfter == null ? 0 : positionAfter.eventsToSkip(),
                positionAfter == null ? 0 : positionAfter.rowsToSkip());
    }

    private SourceRecord(Event event, BinlogPosition base, long eventsToSkip, long rowsToSkip) {
        this.event = event;
        this.base = base;
        this.eventsToSkip = eventsToSkip;
        this.rowsToSkip = rowsToSkip;
    }

    /** A change inside the transaction that starts at {@code txStart}, after which that many events and rows are done. */
    static SourceRecord inside(Event event, BinlogPosition txStart, long eventsToSkip, long rowsToSkip) {
        return new SourceRecord(event, txStart, eventsToSkip, rowsToSkip);
    }

    public Event event() {
        return event;
    }

    public boolean movesPosition() {
        return base != null;
    }

    /** The transaction start (or the position itself), without the skip counts. */
    public BinlogPosition base() {
        return base;
    }

    public long eventsToSkip() {
        return eventsToSkip;
    }

    public long rowsToSkip() {
        return rowsToSkip;
    }

    /** The position to resume from, built when asked for; null for a record that moves no position. */
    public BinlogPosition positionAfter() {
        return base == null ? null : base.skipping(eventsToSkip, rowsToSkip);
    }
}
