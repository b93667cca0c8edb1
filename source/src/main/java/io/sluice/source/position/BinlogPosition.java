package io.sluice.source.position;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;

/**
 * The position of the next row change to read. A binlog dump can only start at a transaction's
 * first event, so inside a transaction the position is that transaction's start plus how many of
 * its row events, and rows of the next row event, were already emitted.
 *
 * @param file binlog file name
 * @param position byte offset in the file: the start of the transaction, or of the next one
 * @param gtidSet the server's GTID set of the transactions before {@code position}, or null when
 *     not known (a server without GTIDs)
 * @param eventsToSkip row events of the transaction at {@code position} already emitted
 * @param rowsToSkip rows of the following row event already emitted
 */
@PublicEvolving
public record BinlogPosition(
        String file, long position, String gtidSet, long eventsToSkip, long rowsToSkip)
        implements Serializable, Comparable<BinlogPosition> {

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (position < 4) {
            throw new IllegalArgumentException(
                    "binlog position " + position + " in " + file + " is before the first event (4)");
        }
        if (eventsToSkip < 0 || rowsToSkip < 0) {
            throw new IllegalArgumentException("negative skip counts in " + file + ":" + position);
        }
    }

    /** The start of a transaction (or of a file, at position 4). */
    public static BinlogPosition at(String file, long position) {
        return new BinlogPosition(file, position, null, 0, 0);
    }

    public static BinlogPosition at(String file, long position, String gtidSet) {
        return new BinlogPosition(file, position, gtidSet, 0, 0);
    }

    /** The same transaction start with other skip counts (this one when they are its own). */
    public BinlogPosition skipping(long events, long rows) {
        if (events == eventsToSkip && rows == rowsToSkip) {
            return this;
        }
        return new BinlogPosition(file, position, gtidSet, events, rows);
    }

    public boolean isInsideTransaction() {
        return eventsToSkip > 0 || rowsToSkip > 0;
    }

    /**
     * Orders by file (by its numeric suffix, so {@code binlog.000010} follows {@code
     * binlog.000009}), then by offset, then by events and rows already emitted. GTID sets are not
     * ordered and take no part.
     */
    @Override
    public int compareTo(BinlogPosition o) {
        int c = compareFiles(file, o.file);
        if (c != 0) {
            return c;
        }
        c = Long.compare(position, o.position);
        if (c != 0) {
            return c;
        }
        c = Long.compare(eventsToSkip, o.eventsToSkip);
        return c != 0 ? c : Long.compare(rowsToSkip, o.rowsToSkip);
    }

    /** Compares binlog file names by base name, then by their numeric extension. */
    public static int compareFiles(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA > 0 && dotB > 0 && a.substring(0, dotA).equals(b.substring(0, dotB))) {
            try {
                return Long.compare(
                        Long.parseLong(a.substring(dotA + 1)), Long.parseLong(b.substring(dotB + 1)));
            } catch (NumberFormatException e) {
                // not numbered: fall through to name order
            }
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file).append(':').append(position);
        if (isInsideTransaction()) {
            sb.append(" (+").append(eventsToSkip).append(" events, ").append(rowsToSkip).append(" rows)");
        }
        if (gtidSet != null && !gtidSet.isEmpty()) {
            sb.append(" gtid ").append(gtidSet);
        }
        return sb.toString();
    }
}
