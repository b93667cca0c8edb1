/**
 * The expression language of filters ({@code where}) and aggregates (group-by values, measure
 * arguments): sandboxed JEXL, see {@link io.sluice.transforms.expr.Expressions}.
 * {@link io.sluice.transforms.expr.Expressions#check} is the job validator's hook.
 */
package io.sluice.transforms.expr;
