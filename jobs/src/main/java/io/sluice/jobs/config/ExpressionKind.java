package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/** Where an expression appears in a job file, which decides what it may contain. */
@PublicEvolving
public enum ExpressionKind {
    /** A filter's {@code where}: a boolean condition on the row's columns. */
    WHERE,
    /** A value of an aggregate's {@code group-by}: computes one grouping key from a row. */
    GROUP_BY,
    /** The argument of an aggregate measure, e.g. {@code amount} in {@code sum(amount)}. */
    MEASURE,
    /** A sink template such as {@code user:{id}}: text with {@code {expression}} placeholders. */
    TEMPLATE
}
