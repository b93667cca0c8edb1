package io.sluice.core.failure;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * What a sink does with a record the target rejects permanently (bad data, a mapping error): the
 * {@code error-policy} key of a sink in the job file. {@link #FAIL} (the default) fails the job;
 * {@link #LOG} logs the record, counts it and goes on; a {@link DeadLetter} writes the record and
 * the reason to a file ({@code {dead-letter: {path: FILE}}}) or, for Elasticsearch sinks, to an
 * index ({@code {dead-letter: {index: NAME}}}), counts it and goes on.
 *
 * <p>Retriable failures (connection loss, timeouts, 429, 503) never reach the policy: they are
 * retried with backoff and then fail the job, so Flink restores from the last checkpoint.
 */
@PublicEvolving
public sealed interface ErrorPolicy extends Serializable {

    Fail FAIL = new Fail();
    Log LOG = new Log();

    /** {@code {dead-letter: {path: FILE}}}: one line of JSON per rejected record, appended to the file. */
    static DeadLetter deadLetterFile(String path) {
        return new DeadLetter(DeadLetter.Target.PATH, path);
    }

    /** {@code {dead-letter: {index: NAME}}}: one document per rejected record (Elasticsearch sinks only). */
    static DeadLetter deadLetterIndex(String index) {
        return new DeadLetter(DeadLetter.Target.INDEX, index);
    }

    /** Fail the job; it restarts according to its restart strategy. */
    record Fail() implements ErrorPolicy {
        @Override
        public String toString() {
            return "fail";
        }
    }

    /** Log the record and count it, then go on. */
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
            if (destination.isBlank()) {
                throw new IllegalArgumentException(
                        "the dead-letter " + target.name().toLowerCase(Locale.ROOT) + " must not be empty");
            }
        }

        @Override
        public String toString() {
            return "dead-letter " + target.name().toLowerCase(Locale.ROOT) + " " + destination;
        }
    }
}
