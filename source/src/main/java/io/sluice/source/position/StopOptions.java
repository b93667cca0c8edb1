package io.sluice.source.position;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a bounded source stops: at the server's position when the job starts ({@code latest}), or
 * at a given file and position. Every transaction that starts before the stop position is read.
 */
@PublicEvolving
public record StopOptions(boolean latest, String file, long position) implements Serializable {

    public static StopOptions atLatest() {
        return new StopOptions(true, null, 0);
    }

    public static StopOptions at(String file, long position) {
        Objects.requireNonNull(file, "file");
        if (position < 4) {
            throw new IllegalArgumentException(
                    "stop position " + position + " is before the first event of a binlog file (4)");
        }
        return new StopOptions(false, file, position);
    }

    @Override
    public String toString() {
        return latest ? "latest" : "{file: " + file + ", position: " + position + "}";
    }
}
