package io.sluice.sinks.elasticsearch;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When a bulk request is sent: after {@code actions} buffered requests, {@code bytes} of request
 * bodies, or {@code interval}, whichever comes first, and always on a checkpoint (the
 * {@code bulk} key: {@code {actions, bytes, interval}}).
 */
@PublicEvolving
public record BulkOptions(int actions, long bytes, Duration interval) implements Serializable {

    public static final BulkOptions DEFAULT = new BulkOptions(1000, 5L << 20, Duration.ofSeconds(1));

    public BulkOptions {
        Objects.requireNonNull(interval, "interval");
        if (actions < 1) {
            throw new IllegalArgumentException("bulk actions must be >= 1, got " + actions);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("bulk bytes must be >= 1, got " + bytes);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("bulk interval must be at least 1ms, got " + interval);
        }
    }
}
