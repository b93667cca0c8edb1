package io.sluice.transforms.aggregate;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Incremental aggregates ({@code GROUP BY} with count, sum, min, max, avg, count_distinct) on a
 * stream of row changes, kept in Flink keyed state: the output always holds each group's
 * absolute values, whatever the inserts, updates (including ones that move a row to another
 * group) and deletes of the input.
 *
 * <pre>
 * events --flatMap "contributions"--> Contribution(group key, -old args, +new args)
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
        AggregatePlan plan = new AggregatePlan(spec);
        return events
                .flatMap(new ContributionFunction(plan), Contribution.TYPE)
                .name("aggregate " + spec.name() + ": contributions")
                .uid(uidPrefix + "-contributions")
                .setParallelism(events.getParallelism())
                .keyBy(Contribution::groupKey, Types.STRING)
                .process(new GroupAggregator(plan), EventTypeInfo.INSTANCE)
                .name("aggregate " + spec.name())
                .uid(uidPrefix + "-groups");
    }
}
