package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * What a sink does with a record the target rejects permanently (bad data, mapping error): the
 * {@code error-policy} key of a sink. {@code fail} (the default) fails the job; {@code log} logs
 * and counts it; {@code {dead-letter: {path: FILE}}} appends it as canonical JSON to a file, and
 * {@code {dead-letter: {index: NAME}}} (elasticsearch sinks) indexes it into another index.
 */
@PublicEvolving
public sealed interface ErrorPolicy {

    Fail FAIL = new Fail();
    Log LOG = new Log();

    /** Fail the job; it restarts according to {@link RestartStrategy}. */
    record Fail() implements ErrorPolicy {
        @Override
        public String toString() {
            return "fail";
        }
    }

    /** Log the record and count it in a metric, then go on. */
    record Log() implements ErrorPolicy {
        @Override
        public String toString() {
            return "log";
        }
    }

    /** Write the record and the reason to a dead-letter target, count it, and go on. */
    record DeadLetter(Target target, String destination) implements ErrorPolicy {
        /** Where dead letters go. */
        public enum Target {
            /** A file: {@code destination} is its path. */
            PATH,
            /** An index in the sink's own Elasticsearch cluster: {@code destination} is its name. */
            INDEX
        }

        public DeadLetter {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String toString() {
            return "dead-letter " + target.name().toLowerCase(java.util.Locale.ROOT) + " " + destination;
        }
    }
}
