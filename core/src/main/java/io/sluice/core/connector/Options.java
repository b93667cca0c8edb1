package io.sluice.core.connector;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;

/**
 * The values of a connector's keys, read from its block of the job file by the connector's
 * {@link ConfigOption}s. Values are already checked against their descriptions (type, range,
 * choices); rules between keys are the connector's own ({@link SinkFactory#validate}).
 */
@PublicEvolving
public interface Options {

    /** The key's valid value, else its default; {@code null} when it has neither. */
    <T> T get(ConfigOption<T> option);

    /** The key's valid value, else its default. */
    default <T> Optional<T> getOptional(ConfigOption<T> option) {
        return Optional.ofNullable(get(option));
    }

    /** True when the key is written in the block with a value, valid or not. */
    boolean has(ConfigOption<?> option);

    /**
     * True when the key's value came from a substitution ({@code ${env:...}}, {@code ${file:...}}):
     * messages must then quote the value as written, never the resolved text.
     */
    boolean substituted(ConfigOption<?> option);

    /**
     * The key's value as written in the file, before substitution: what a message may quote
     * ({@code '${env:SINK_URL}'}), never the resolved text. Empty when the key is absent.
     */
    String asWritten(ConfigOption<?> option);
}
