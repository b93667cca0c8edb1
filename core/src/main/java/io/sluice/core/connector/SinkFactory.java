package io.sluice.core.connector;

import io.sluice.core.failure.ErrorPolicy;
import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sink type, as the job file names it in {@code type}: the plug-in point for sinks. Each sink
 * package exports one factory and lists it in
 * {@code META-INF/services/io.sluice.core.connector.SinkFactory}; the job reader finds it with
 * {@link java.util.ServiceLoader}, reads the sink's block by {@link #options()}, reports problems
 * with file and line, and calls {@link #createSink} only with validated options.
 *
 * <p>The keys every sink has ({@code type}, {@code name}, {@code from}, {@code error-policy}) are
 * the job reader's; a factory describes only its own.
 */
@PublicEvolving
public interface SinkFactory {

    /** The {@code type} name in the job file, e.g. {@code redis}. */
    String type();

    /** One line for the reference documentation: what the sink writes. */
    String description();

    /** The sink's own keys, in the order the documentation and "allowed keys" list them. */
    List<ConfigOption<?>> options();

    /** Where this sink can send the records its target rejects; a file by default. */
    default Set<ErrorPolicy.DeadLetter.Target> deadLetterTargets() {
        return Set.of(ErrorPolicy.DeadLetter.Target.PATH);
    }

    /** Checks the rules between keys; each key's own value is already checked. */
    default void validate(Options options, OptionErrors errors) {}

    /**
     * What the sink writes to, as operator names show it after the type: {@code user:{id}} for
     * {@code redis user:{id}}.
     */
    String target(Options options);

    /**
     * Where the sink writes, independent of its place in the file (servers and target): an
     * unnamed sink's operator uid is derived from it, so it must not change between versions.
     * Never include a secret.
     */
    String identity(Options options);

    /**
     * Whether a change that carries only some fields (a join's {@code output: partial}) is applied
     * as such, merged into what the target holds. Empty when it is; otherwise why it is not and
     * what to use instead, e.g. {@code "mode index replaces whole documents; use mode: upsert"}.
     * By default a sink writes whole rows and cannot take partial updates.
     */
    default Optional<String> partialUpdates(Options options) {
        return Optional.of("it writes whole rows, so the fields a partial update leaves out would be lost");
    }

    /** How many writers the sink runs with; the job's parallelism by default. */
    default int parallelism(Options options, int jobParallelism) {
        return jobParallelism;
    }

    /**
     * The Flink sink. Opens no connection.
     *
     * @throws IllegalArgumentException when the keys do not go together
     */
    Sink<Event> createSink(SinkContext context);
}
