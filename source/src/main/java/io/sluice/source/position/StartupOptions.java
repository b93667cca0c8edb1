package io.sluice.source.position;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A start mode with its argument: the file and position, the GTID set, or the time. */
@PublicEvolving
public record StartupOptions(StartupMode mode, String file, long position, String gtidSet, long timestampMs)
        implements Serializable {

    public StartupOptions {
        Objects.requireNonNull(mode, "mode");
    }

    /** Snapshot every captured table, then follow the binlog. */
    public static StartupOptions initial() {
        return new StartupOptions(StartupMode.INITIAL, null, 0, null, 0);
    }

    /** Snapshot every captured table and stop. */
    public static StartupOptions snapshot() {
        return new StartupOptions(StartupMode.SNAPSHOT, null, 0, null, 0);
    }

    /** True for the modes that read the tables before (or instead of) the binlog. */
    public boolean snapshotsTables() {
        return mode == StartupMode.INITIAL || mode == StartupMode.SNAPSHOT;
    }

    public static StartupOptions earliest() {
        return new StartupOptions(StartupMode.EARLIEST, null, 0, null, 0);
    }

    public static StartupOptions latest() {
        return new StartupOptions(StartupMode.LATEST, null, 0, null, 0);
    }

    public static StartupOptions position(String file, long position) {
        Objects.requireNonNull(file, "file");
        if (position < 4) {
            throw new IllegalArgumentException(
                    "startup position " + position + " is before the first event of a binlog file (4)");
        }
        return new StartupOptions(StartupMode.POSITION, file, position, null, 0);
    }

    public static StartupOptions gtid(String gtidSet) {
        Objects.requireNonNull(gtidSet, "gtidSet");
        if (gtidSet.isBlank()) {
            throw new IllegalArgumentException(
                    "startup GTID set is empty; to read the whole binlog the server still has, use 'earliest'");
        }
        return new StartupOptions(StartupMode.GTID, null, 0, gtidSet, 0);
    }

    public static StartupOptions timestamp(long epochMillis) {
        return new StartupOptions(StartupMode.TIMESTAMP, null, 0, null, epochMillis);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case INITIAL, SNAPSHOT, EARLIEST, LATEST -> mode.name().toLowerCase();
            case POSITION -> "{file: " + file + ", position: " + position + "}";
            case GTID -> "{gtid: " + gtidSet + "}";
            case TIMESTAMP -> "{timestamp: " + Instant.ofEpochMilli(timestampMs) + "}";
        };
    }
}
