package io.sluice.core.connector;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * What a {@link SinkFactory} builds a sink from: the sink's name in logs, metrics and dead
 * letters (its {@code name}, else what it writes to), its keys, its {@code error-policy}, and its
 * scope: the job's name and the sink's operator uid, which tell this sink apart from every other
 * sink of every job, for what it names on the target (XA transactions, consumer groups).
 */
@PublicEvolving
public record SinkContext(String name, Options options, ErrorPolicy errorPolicy, String scope) {

    public SinkContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(scope, "scope");
    }
}
