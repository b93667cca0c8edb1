package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.Objects;

/**
 * When an elasticsearch sink sends a bulk request: after {@code actions} requests, {@code bytes}
 * of requests or {@code interval}, whichever comes first (and always on a checkpoint).
 */
@PublicEvolving
public record BulkSettings(int actions, long bytes, Duration interval) {

    public static final BulkSettings DEFAULT = new BulkSettings(1000, 5L << 20, Duration.ofSeconds(1));

    public BulkSettings {
        Objects.requireNonNull(interval, "interval");
    }
}
