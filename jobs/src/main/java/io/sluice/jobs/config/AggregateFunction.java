package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** A measure's function in an aggregate, e.g. {@code sum} in {@code sum(amount)}. */
@PublicEvolving
public enum AggregateFunction implements ConfigName {
    /** Number of rows; {@code count()} or {@code count(*)} counts every row, {@code count(expr)} the non-null values. */
    COUNT("count"),
    /** Sum of the values. */
    SUM("sum"),
    /** Smallest value. */
    MIN("min"),
    /** Largest value. */
    MAX("max"),
    /** Average of the values. */
    AVG("avg"),
    /** Number of distinct non-null values. */
    COUNT_DISTINCT("count_distinct");

    private final String configName;

    AggregateFunction(String configName) {
        this.configName = configName;
    }

    /** The spelling in the job file. */
    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
