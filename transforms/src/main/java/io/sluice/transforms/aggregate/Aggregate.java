package io.sluice.transforms.aggregate;

import io.sluice.core.key.KeyChangeSplitter;
import io.sluice.core.key.RowKeySelector;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Incremental aggregates ({@code GROUP BY} with count, sum, min, max, avg, count_distinct) on a
 * stream of row changes, kept in Flink keyed state: the output always holds each group's
 * absolute values, whatever the inserts, updates (including ones that move a row to another
 * group) and deletes of the input.
 *
 * <pre>
 * events --keyBy(row)--> "contributions" (each row's contribution kept) --> Contribution(group key, -old, +new)
 *        --keyBy(group key)--> "aggregate" (GroupAggregator) --> RowChange upserts/deletes
 * </pre>
 */
@PublicEvolving
public final class Aggregate {

    private Aggregate() {}

    /**
     * Aggregates the row changes of {@code spec.from()} found in {@code events}.
     *
     * @param uidPrefix a stable prefix for the operators' uids, unique in the job
     * @return row changes of the logical table {@code <input db>.<spec.name()>}, keyed by the
     *     group-by columns
     * @throws io.sluice.transforms.expr.ExpressionException if an expression does not compile
     */
    public static DataStream<Event> apply(DataStream<Event> events, AggregateSpec spec, String uidPrefix) {
        DataStream<Event> split = events.flatMap(new KeyChangeSplitter())
                .name("aggregate " + spec.name() + ": key changes")
                .uid(uidPrefix + "-key-changes")
                .setParallelism(events.getParallelism());
        return apply(split.keyBy(new RowKeySelector(), Types.STRING), spec, uidPrefix);
    }

    /**
     * As {@link #apply(DataStream, AggregateSpec, String)}, for changes already keyed by row
     * ({@link RowKeySelector}) with their key changes split ({@link KeyChangeSplitter}), which
     * saves a shuffle.
     */
    public static DataStream<Event> apply(KeyedStream<Event, String> rows, AggregateSpec spec, String uidPrefix) {
        AggregatePlan plan = new AggregatePlan(spec);
        return rows
                .process(new ContributionFunction(plan), Contribution.TYPE)
                .name("aggregate " + spec.name() + ": contributions")
                .uid(uidPrefix + "-contributions")
                .setParallelism(rows.getParallelism())
                .keyBy(Contribution::groupKey, Types.STRING)
                .process(new GroupAggregator(plan), EventTypeInfo.INSTANCE)
                .name("aggregate " + spec.name())
                .uid(uidPrefix + "-groups");
    }
}
