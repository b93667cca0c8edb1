package io.sluice.jobs.config;

import io.sluice.core.connector.TruncatePolicy;
import org.apache.flink.annotation.PublicEvolving;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code aggregates}: the rows read from {@code from} grouped by the {@code groupBy}
 * expressions (output column to expression), each group holding the {@code measures} (output
 * column to measure), maintained incrementally as rows are inserted, updated and deleted.
 * An empty {@code groupBy} keeps one global group.
 */
@PublicEvolving
public record AggregateConfig(String name, String from, Map<String, Expr> groupBy, Map<String, Measure> measures,
        TruncatePolicy truncate) {

    /** An aggregate that stops the job when its table is truncated or dropped. */
    public AggregateConfig(String name, String from, Map<String, Expr> groupBy, Map<String, Measure> measures) {
        this(name, from, groupBy, measures, TruncatePolicy.FAIL);
    }

    public AggregateConfig {
        Objects.requireNonNull(truncate, "truncate");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        groupBy = Copies.orderedMap(groupBy);
        measures = Copies.orderedMap(measures);
    }
}
