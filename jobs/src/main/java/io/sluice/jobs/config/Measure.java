package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;
import java.util.Optional;

/**
 * One measure of an aggregate, written {@code fn(expr)}: {@code sum(amount)}, {@code count()}.
 * The argument keeps its own position in the file; it is empty for {@code count()} and
 * {@code count(*)}.
 */
@PublicEvolving
public record Measure(AggregateFunction function, Optional<Expr> argument) {

    public Measure {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(argument, "argument");
    }

    @Override
    public String toString() {
        return function.configName() + "(" + argument.map(Expr::text).orElse("") + ")";
    }
}
