package io.sluice.transforms.expr;

import org.apache.flink.annotation.PublicEvolving;

/** Where an expression appears in a job file, which decides what it may contain and what its result must be. */
@PublicEvolving
public enum ExpressionKind {
    /** A filter's {@code where}: a condition, true, false or null (null does not pass). */
    WHERE,
    /** A value of an aggregate's {@code group-by}. */
    GROUP_BY,
    /** The argument of an aggregate measure, e.g. {@code amount} in {@code sum(amount)}. */
    MEASURE,
    /** A sink template such as {@code user:{id}}, checked by {@link io.sluice.core.template.Template}. */
    TEMPLATE
}
