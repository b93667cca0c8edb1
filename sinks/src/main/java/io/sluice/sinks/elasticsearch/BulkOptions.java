package io.sluice.sinks.elasticsearch;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When a bulk request is sent: after {@code actions} buffered requests, {@code bytes} of request
 * bodies, or {@code interval}, whichever comes first, and always on a checkpoint; and how many
 * bulk requests may be in flight at once before the writer waits ({@code maxInFlight}). The job
 * file's {@code bulk} key: {@code {actions, bytes, interval, max-in-flight}}.
 */
@PublicEvolving
public record BulkOptions(int actions, long bytes, Duration interval, int maxInFlight) implements Serializable {

    /** Bulk requests in flight by default: enough to keep a node's write threads busy while the next bulk fills. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;

    /** The largest {@code maxInFlight} accepted; each bulk in flight holds a sender thread and a connection. */
    public static final int MAX_IN_FLIGHT_LIMIT = 64;

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
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("bulk max-in-flight must be between 1 and " + MAX_IN_FLIGHT_LIMIT
                    + ", got " + maxInFlight);
        }
    }

    /** With {@link #DEFAULT_MAX_IN_FLIGHT} bulk requests in flight. */
    public BulkOptions(int actions, long bytes, Duration interval) {
        this(actions, bytes, interval, DEFAULT_MAX_IN_FLIGHT);
    }
}
