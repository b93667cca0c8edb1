/**
 * Incremental GROUP BY aggregates with retraction. Entry point:
 * {@link io.sluice.transforms.aggregate.Aggregate}.
 *
 * <p>A stateless step turns each row change into contributions: its old image's measure
 * arguments are retracted from the old image's group, its new image's added to the new image's
 * group (one contribution when the group stays). The contributions are keyed by group; each
 * group keeps an accumulator (row count, per measure: non-null count, exact sum, current min and
 * max) in value state, and for min, max and count_distinct a multiset of values in map state, so
 * that retracting the current minimum finds the next one. Every change of a group's values is
 * emitted as an upsert of its absolute values (a delete when its last row goes), keyed by the
 * group-by columns: a sink writing them idempotently ends with the same table as a
 * {@code GROUP BY} over the source.
 */
package io.sluice.transforms.aggregate;
