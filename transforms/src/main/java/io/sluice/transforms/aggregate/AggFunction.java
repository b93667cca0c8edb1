package io.sluice.transforms.aggregate;

import org.apache.flink.annotation.PublicEvolving;

/** A measure's function; mirrors {@code io.sluice.jobs.config.AggregateFunction}. */
@PublicEvolving
public enum AggFunction {
    /** {@code count()} counts rows, {@code count(x)} the rows where x is not null. */
    COUNT,
    /** Sum of the non-null values: Long for integers, BigDecimal for decimals, Double for floats. */
    SUM,
    /** Smallest non-null value. */
    MIN,
    /** Largest non-null value. */
    MAX,
    /** Average of the non-null values: a BigDecimal with 4 more decimals than the values (as MySQL), or a Double. */
    AVG,
    /** Number of distinct non-null values. */
    COUNT_DISTINCT
}
