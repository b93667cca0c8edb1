package io.sluice.transforms.expr;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Where an expression is used, which decides what its result must be. The constants mirror
 * {@code io.sluice.jobs.config.ExpressionKind} one to one, so the job validator maps them by name.
 */
@PublicEvolving
public enum ExpressionKind {
    /** A filter's {@code where}: a condition, true, false or null (null does not pass). */
    WHERE,
    /** A value of an aggregate's {@code group-by}. */
    GROUP_BY,
    /** The argument of an aggregate measure, e.g. {@code amount} in {@code sum(amount)}. */
    MEASURE,
    /** A sink template; not compiled here (the sinks own templates), so always accepted. */
    TEMPLATE
}
