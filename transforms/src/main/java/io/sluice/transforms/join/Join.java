package io.sluice.transforms.join;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Heterogeneous joins: wide documents kept in Flink state (see the package documentation for the
 * dataflow).
 */
@PublicEvolving
public final class Join {

    private Join() {}

    /**
     * Joins the row changes of the spec's tables found in {@code events} into documents.
     *
     * @param uidPrefix a stable prefix for the operators' uids, unique in the job: the operators
     *     are {@code <prefix>-split} and {@code <prefix>-node-<n>} (n = 0 for the main table,
     *     then lookups and children depth-first in spec order)
     * @return row changes of {@link JoinSpec#outputTable()}, keyed by the main table's key
     */
    public static DataStream<Event> apply(DataStream<Event> events, JoinSpec spec, String uidPrefix) {
        JoinPlan plan = new JoinPlan(spec);
        SingleOutputStreamOperator<JoinMessage> split = events
                .process(new JoinSplitter(plan), JoinMessage.TYPE)
                .name("join " + spec.name() + ": split")
                .uid(uidPrefix + "-split")
                .setParallelism(events.getParallelism());
        return documents(plan, split, uidPrefix);
    }

    private static DataStream<Event> documents(JoinPlan plan, SingleOutputStreamOperator<JoinMessage> split,
            String uidPrefix) {
        JoinPlan.Node main = plan.main();
        return inputs(plan, main, split, uidPrefix)
                .keyBy(JoinMessage::route, Types.STRING)
                .process(new DocumentFunction(plan), EventTypeInfo.INSTANCE)
                .name("join " + plan.name + ": documents of " + main.table)
                .uid(uidPrefix + "-node-0");
    }

    /** The messages for one node: its table's rows and subscriptions, and its nested nodes' results. */
    private static DataStream<JoinMessage> inputs(JoinPlan plan, JoinPlan.Node node,
            SingleOutputStreamOperator<JoinMessage> split, String uidPrefix) {
        DataStream<JoinMessage> in = split.getSideOutput(JoinSplitter.tag(node.index));
        for (int nested : node.nested) {
            in = in.union(results(plan, plan.node(nested), split, uidPrefix));
        }
        return in;
    }

    /** The operator of a lookup or child node, sending its values to the parent's operator. */
    private static DataStream<JoinMessage> results(JoinPlan plan, JoinPlan.Node node,
            SingleOutputStreamOperator<JoinMessage> split, String uidPrefix) {
        return inputs(plan, node, split, uidPrefix)
                .keyBy(JoinMessage::route, Types.STRING)
                .process(new NodeFunction(plan, node.index), JoinMessage.TYPE)
                .name("join " + plan.name + ": " + node.describe())
                .uid(uidPrefix + "-node-" + node.index);
    }
}
