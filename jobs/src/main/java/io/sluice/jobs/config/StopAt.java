package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * Where a bounded source stops: the {@code source.stop-at} key. {@code latest} is the binlog
 * end current when the job starts; {@code {file, position}} a fixed position.
 */
@PublicEvolving
public sealed interface StopAt {

    Latest LATEST = new Latest();

    /** The binlog end as it was when the job started. */
    record Latest() implements StopAt {
        @Override
        public String toString() {
            return "latest";
        }
    }

    /** A binlog file and position; the event at that position is not read. */
    record AtPosition(String file, long position) implements StopAt {
        public AtPosition {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file + ":" + position;
        }
    }
}
