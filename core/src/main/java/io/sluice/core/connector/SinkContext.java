package io.sluice.core.connector;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * What a {@link SinkFactory} builds a sink from: the sink's name in logs, metrics and dead
 * letters (its {@code name}, else what it writes to), its keys, and its {@code error-policy}.
 */
@PublicEvolving
public record SinkContext(String name, Options options, ErrorPolicy errorPolicy) {

    public SinkContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
    }
}
