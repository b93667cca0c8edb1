package io.sluice.transforms.join;

import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.StringArraySerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The operator of one lookup or child node, keyed by the node's join key (the values of its
 * {@code on} columns). It keeps, per key, the rows of its table with that key, the parent rows
 * subscribed to the key (the reverse index), and the results of its own nested lookups for its
 * rows; and it sends the key's value (a lookup's fragment, a child array) to every subscriber
 * whenever the value changes, to a new subscriber when it subscribes, and a retraction when one
 * unsubscribes.
 *
 * <p>State per key (all map state, so RocksDB reads and writes single entries):
 * {@code rows: pk -> NodeRow}, {@code subscribers: (route, pk) -> [route, pk]},
 * {@code results: (pk, slot, ref) -> Fragment}, and with a TTL the expiry time of an
 * unreferenced key.
 */
@Internal
final class NodeFunction extends KeyedProcessFunction<String, JoinMessage, JoinMessage> {
    private static final long serialVersionUID = 1L;

    private final JoinPlan plan;
    private final int nodeIndex;
    private transient JoinPlan.Node node;
    private transient Assembler assembler;
    private transient MapState<String, NodeRow> rows;
    private transient MapState<String, String[]> subscribers;
    private transient MapState<String, Fragment> results;
    private transient ValueState<Long> expiry;

    NodeFunction(JoinPlan plan, int nodeIndex) {
        this.plan = plan;
        this.nodeIndex = nodeIndex;
    }

    @Override
    public void open(Configuration parameters) {
        node = plan.node(nodeIndex);
        assembler = new Assembler(plan, node);
        rows = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("rows", StringSerializer.INSTANCE, NodeRow.Serializer.INSTANCE));
        subscribers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("subscribers", StringSerializer.INSTANCE, StringArraySerializer.INSTANCE));
        results = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("results", StringSerializer.INSTANCE, Fragment.Serializer.INSTANCE));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", LongSerializer.INSTANCE));
    }

    @Override
    public void processElement(JoinMessage m, Context ctx, Collector<JoinMessage> out) throws Exception {
        String key = ctx.getCurrentKey();
        switch (m.kind) {
            case SUBSCRIBE: {
                subscribers.put(KeyCodec.encode(new Object[] {m.subscriberRoute, m.pk}),
                        new String[] {m.subscriberRoute, m.pk});
                Fragment value = value();
                if (value != null) {
                    out.collect(JoinMessage.result(node.parent, m.subscriberRoute, m.pk, node.slot, key, value, m.source));
                }
                break;
            }
            case UNSUBSCRIBE:
                subscribers.remove(KeyCodec.encode(new Object[] {m.subscriberRoute, m.pk}));
                out.collect(JoinMessage.retract(node.parent, m.subscriberRoute, m.pk, node.slot, key, m.source));
                break;
            default: {
                Fragment before = value();
                apply(m);
                Fragment after = value();
                if (after != null && !after.equals(before)) {
                    for (String[] s : subscribers.values()) {
                        out.collect(JoinMessage.result(node.parent, s[0], s[1], node.slot, key, after, m.source));
                    }
                }
            }
        }
        if (plan.unreferencedTtl != null) {
            scheduleExpiry(ctx);
        }
    }

    private void apply(JoinMessage m) throws Exception {
        switch (m.kind) {
            case UPSERT:
                rows.put(m.pk, m.row);
                break;
            case DELETE:
                rows.remove(m.pk);
                break;
            case RESULT:
                results.put(resultKey(m.pk, m.slot, m.ref), m.value);
                break;
            case RETRACT:
                results.remove(resultKey(m.pk, m.slot, m.ref));
                break;
            default:
                throw new IllegalStateException("unexpected " + m);
        }
    }

    /** The key's value now, or null while a nested value is missing. */
    private Fragment value() throws Exception {
        return assembler.nodeValue(rows.values(), row -> (slot, ref) -> results.get(resultKey(row.pk, slot, ref)));
    }

    static String resultKey(String pk, int slot, String ref) {
        return KeyCodec.encode(new Object[] {pk, (long) slot, ref});
    }

    /** Rows nobody references expire after the TTL; a new subscriber cancels the expiry. */
    private void scheduleExpiry(Context ctx) throws Exception {
        Long at = expiry.value();
        boolean unreferenced = subscribers.isEmpty() && !rows.isEmpty();
        if (unreferenced && at == null) {
            long time = ctx.timerService().currentProcessingTime() + plan.unreferencedTtl.toMillis();
            ctx.timerService().registerProcessingTimeTimer(time);
            expiry.update(time);
        } else if (!unreferenced && at != null) {
            ctx.timerService().deleteProcessingTimeTimer(at);
            expiry.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<JoinMessage> out) throws Exception {
        Long at = expiry.value();
        if (at != null && at == timestamp && subscribers.isEmpty()) {
            rows.clear();
            results.clear();
            expiry.clear();
        }
    }
}
