package io.sluice.core.connector;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * What a {@link SinkFactory} builds a sink from: the sink's name in logs, metrics and dead
 * letters (its {@code name}, else what it writes to), its keys, its {@code error-policy}, its
 * scope: the job's name and the sink's operator uid, which tell this sink apart from every other
 * sink of every job, for what it names on the target (XA transactions, consumer groups); and its
 * {@code from} as written (a table, a table pattern, a join or an aggregate).
 */
@PublicEvolving
public record SinkContext(String name, Options options, ErrorPolicy errorPolicy, String scope, String from) {

    /** A sink whose {@code from} is not known (built in code). */
    public SinkContext(String name, Options options, ErrorPolicy errorPolicy, String scope) {
        this(name, options, errorPolicy, scope, "");
    }

    public SinkContext {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(scope, "scope");
    }
}
