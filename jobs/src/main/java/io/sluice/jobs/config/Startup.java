package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the source starts reading: the {@code source.startup} key. One of {@code initial}
 * (snapshot, then binlog), {@code snapshot} (snapshot only, then stop), {@code earliest} (the
 * oldest binlog still on the server), {@code latest} (the current binlog end), or a map
 * {@code {file, position}}, {@code {gtid}} or {@code {timestamp}}.
 */
@PublicEvolving
public sealed interface Startup {

    Initial INITIAL = new Initial();
    Snapshot SNAPSHOT = new Snapshot();
    Earliest EARLIEST = new Earliest();
    Latest LATEST = new Latest();

    /** The kind, for a {@code switch}. */
    Kind kind();

    /** The forms of {@link Startup}. */
    enum Kind {
        INITIAL,
        SNAPSHOT,
        EARLIEST,
        LATEST,
        BINLOG_POSITION,
        GTID,
        TIMESTAMP
    }

    /** Snapshot the captured tables, then follow the binlog from where the snapshot began. */
    record Initial() implements Startup {
        @Override
        public Kind kind() {
            return Kind.INITIAL;
        }

        @Override
        public String toString() {
            return "initial";
        }
    }

    /** Snapshot the captured tables and stop: a bounded run. */
    record Snapshot() implements Startup {
        @Override
        public Kind kind() {
            return Kind.SNAPSHOT;
        }

        @Override
        public String toString() {
            return "snapshot";
        }
    }

    /** Read from the oldest binlog file the server still has, without a snapshot. */
    record Earliest() implements Startup {
        @Override
        public Kind kind() {
            return Kind.EARLIEST;
        }

        @Override
        public String toString() {
            return "earliest";
        }
    }

    /** Read only changes made after the job starts. */
    record Latest() implements Startup {
        @Override
        public Kind kind() {
            return Kind.LATEST;
        }

        @Override
        public String toString() {
            return "latest";
        }
    }

    /** Read from a binlog file and position: {@code {file: mysql-bin.000003, position: 4}}. */
    record AtPosition(String file, long position) implements Startup {
        public AtPosition {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Kind kind() {
            return Kind.BINLOG_POSITION;
        }

        @Override
        public String toString() {
            return file + ":" + position;
        }
    }

    /** Read the transactions not in a GTID set: {@code {gtid: "0-1-100"}}. */
    record AtGtid(String gtidSet) implements Startup {
        public AtGtid {
            Objects.requireNonNull(gtidSet, "gtidSet");
        }

        @Override
        public Kind kind() {
            return Kind.GTID;
        }

        @Override
        public String toString() {
            return "gtid " + gtidSet;
        }
    }

    /** Read from the first event at or after a time: {@code {timestamp: 2024-05-01T00:00:00Z}}. */
    record AtTimestamp(Instant instant) implements Startup {
        public AtTimestamp {
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public Kind kind() {
            return Kind.TIMESTAMP;
        }

        @Override
        public String toString() {
            return "timestamp " + instant;
        }
    }
}
