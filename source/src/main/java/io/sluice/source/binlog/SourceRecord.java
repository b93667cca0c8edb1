package io.sluice.source.binlog;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.util.List;

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
    private final XaMark xa;

    /**
     * What an XA transaction's end of a binlog group does to the split's state: {@code rows} not
     * null, it was prepared and its rows wait for its commit; null, it was committed (its rows went
     * out just before) or rolled back.
     */
    public record XaMark(String xid, List<RowChange> rows) {}

    /** A record that resumes at {@code positionAfter}, or that moves no position when it is null. */
    public SourceRecord(Event event, BinlogPosition positionAfter) {
        this(event, positionAfter,
                positionAfter == null ? 0 : positionAfter.eventsToSkip(),
                positionAfter == null ? 0 : positionAfter.rowsToSkip(), null);
    }

    private SourceRecord(Event event, BinlogPosition base, long eventsToSkip, long rowsToSkip, XaMark xa) {
        this.event = event;
        this.base = base;
        this.eventsToSkip = eventsToSkip;
        this.rowsToSkip = rowsToSkip;
        this.xa = xa;
    }

    /** The end of an XA transaction's binlog group, which resumes at {@code positionAfter}. */
    static SourceRecord xa(XaMark mark, BinlogPosition positionAfter) {
        return new SourceRecord(null, positionAfter, positionAfter.eventsToSkip(), positionAfter.rowsToSkip(), mark);
    }

    /** A change inside the transaction that starts at {@code txStart}, after which that many events and rows are done. */
    static SourceRecord inside(Event event, BinlogPosition txStart, long eventsToSkip, long rowsToSkip) {
        return new SourceRecord(event, txStart, eventsToSkip, rowsToSkip, null);
    }

    /** The XA transaction this record prepares or ends, or null. */
    public XaMark xa() {
        return xa;
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
