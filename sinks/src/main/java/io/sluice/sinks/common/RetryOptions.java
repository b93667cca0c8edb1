package io.sluice.sinks.common;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a sink retries a batch after a retriable failure: up to {@code maxRetries} more attempts,
 * waiting {@code initialBackoff}, then twice as long each time up to {@code maxBackoff}. When the
 * retries are used up the job fails and Flink restores it from the last checkpoint.
 */
@PublicEvolving
public record RetryOptions(int maxRetries, Duration initialBackoff, Duration maxBackoff) implements Serializable {

    /** 8 retries from 100 ms doubling up to 5 s: about 16 s of waiting before the job fails. */
    public static final RetryOptions DEFAULT = new RetryOptions(8, Duration.ofMillis(100), Duration.ofSeconds(5));

    /** No retry: the first retriable failure fails the job. */
    public static final RetryOptions NONE = new RetryOptions(0, Duration.ofMillis(1), Duration.ofMillis(1));

    public RetryOptions {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
    }
}
