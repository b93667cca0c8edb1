package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.Objects;

/**
 * When an elasticsearch sink sends a bulk request: after {@code actions} requests, {@code bytes}
 * of requests or {@code interval}, whichever comes first (and always on a checkpoint); and how
 * many bulk requests may be in flight at once ({@code max-in-flight}).
 */
@PublicEvolving
public record BulkSettings(int actions, long bytes, Duration interval, int maxInFlight) {

    /** The largest {@code max-in-flight} accepted (the sink's own limit). */
    public static final int MAX_IN_FLIGHT_LIMIT = 64;

    public static final BulkSettings DEFAULT = new BulkSettings(1000, 5L << 20, Duration.ofSeconds(1), 2);

    public BulkSettings {
        Objects.requireNonNull(interval, "interval");
    }
}
