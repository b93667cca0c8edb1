package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.Objects;

/**
 * What Flink does when the job fails: the {@code job.restart} key. Either a name ({@code none},
 * {@code fixed-delay}, {@code exponential-delay}, with default settings) or a map with one of
 * those names as its only key: {@code {fixed-delay: {attempts: 3, delay: 10s}}}.
 */
@PublicEvolving
public sealed interface RestartStrategy {

    /** Flink's own default once checkpointing is on. */
    RestartStrategy DEFAULT = new ExponentialDelay(Duration.ofSeconds(1), Duration.ofMinutes(1));

    Kind kind();

    /** The forms of {@link RestartStrategy}. */
    enum Kind implements ConfigName {
        NONE,
        FIXED_DELAY,
        EXPONENTIAL_DELAY;

        @Override
        public String toString() {
            return configName();
        }
    }

    /** Fail the job at the first failure. */
    record None() implements RestartStrategy {
        @Override
        public Kind kind() {
            return Kind.NONE;
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** Restart up to {@code attempts} times, waiting {@code delay} before each. */
    record FixedDelay(int attempts, Duration delay) implements RestartStrategy {
        public static final int DEFAULT_ATTEMPTS = 3;
        public static final Duration DEFAULT_DELAY = Duration.ofSeconds(10);

        public FixedDelay {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public Kind kind() {
            return Kind.FIXED_DELAY;
        }

        @Override
        public String toString() {
            return "fixed-delay (" + attempts + " attempts, " + Durations.format(delay) + " apart)";
        }
    }

    /** Restart forever, doubling the wait from {@code initial} up to {@code max}. */
    record ExponentialDelay(Duration initial, Duration max) implements RestartStrategy {
        public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_MAX = Duration.ofMinutes(1);

        public ExponentialDelay {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
        }

        @Override
        public Kind kind() {
            return Kind.EXPONENTIAL_DELAY;
        }

        @Override
        public String toString() {
            return "exponential-delay (" + Durations.format(initial) + " up to " + Durations.format(max) + ")";
        }
    }
}
