package io.sluice.source.position;

import org.apache.flink.annotation.PublicEvolving;

/** Where a source without restored state starts reading. */
@PublicEvolving
public enum StartupMode {
    /** A snapshot of every captured table, then the binlog from where the snapshot left off. */
    INITIAL,
    /** A snapshot of every captured table, then stop: a bounded source. */
    SNAPSHOT,
    /** The oldest binlog file the server still has. */
    EARLIEST,
    /** The server's current position when the job starts. */
    LATEST,
    /** A given binlog file and position (a transaction boundary). */
    POSITION,
    /** Just after a given GTID set. */
    GTID,
    /** The first transaction committed at or after a given time. */
    TIMESTAMP
}
