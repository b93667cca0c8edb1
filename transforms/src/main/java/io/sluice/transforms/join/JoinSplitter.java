package io.sluice.transforms.join;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The join's entry: turns each row change of a participating table into messages for the nodes
 * of that table (one side output per node). For each node, the old image's row is deleted at its
 * old key and the new one upserted at its new key (one upsert when the key stays), and for each
 * nested node the row unsubscribes from the key it referenced and subscribes to the one it
 * references now. Stateless; runs with the input's parallelism so a row's changes keep their order.
 */
@Internal
final class JoinSplitter extends ProcessFunction<Event, JoinMessage> {
    private static final long serialVersionUID = 1L;

    private final JoinPlan plan;
    private transient List<OutputTag<JoinMessage>> tags;
    private transient RowShape[] shapes;

    JoinSplitter(JoinPlan plan) {
        this.plan = plan;
    }

    static OutputTag<JoinMessage> tag(int node) {
        return new OutputTag<>("join-node-" + node, JoinMessage.TYPE);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<JoinMessage> out) {
        if (!(event instanceof RowChange row)) {
            return; // documents do not carry DDL
        }
        if (tags == null) {
            tags = new ArrayList<>();
            for (int i = 0; i < plan.nodes.size(); i++) {
                tags.add(tag(i));
            }
            shapes = new RowShape[plan.nodes.size()];
        }
        for (JoinPlan.Node node : plan.nodes) {
            if (node.table.equals(row.table())) {
                split(node, row, ctx);
            }
        }
    }

    private void split(JoinPlan.Node node, RowChange change, Context ctx) {
        RowShape shape = shapes[node.index];
        if (shape == null || !shape.fits(change.schema())) {
            shape = new RowShape(plan, node, change.schema());
            shapes[node.index] = shape;
        }
        SourceInfo source = change.source();
        String oldRoute = change.before() == null ? null : shape.route(change.before());
        String newRoute = change.after() == null ? null : shape.route(change.after());
        NodeRow oldRow = oldRoute == null ? null : shape.row(change.before());
        NodeRow newRow = newRoute == null ? null : shape.row(change.after());
        boolean moved = oldRow == null || newRow == null || !oldRoute.equals(newRoute) || !oldRow.pk.equals(newRow.pk);
        OutputTag<JoinMessage> tag = tags.get(node.index);
        if (oldRow != null && moved) {
            ctx.output(tag, JoinMessage.delete(node.index, oldRoute, oldRow.pk, source));
        }
        if (newRow != null && (moved || !newRow.equals(oldRow))) {
            ctx.output(tag, JoinMessage.upsert(node.index, newRoute, newRow, source));
        }
        for (int s = 0; s < node.nested.size(); s++) {
            int nested = node.nested.get(s);
            String oldRef = oldRow == null ? null : oldRow.refs[s];
            String newRef = newRow == null ? null : newRow.refs[s];
            boolean changed = moved || !Objects.equals(oldRef, newRef);
            if (oldRef != null && changed) {
                ctx.output(tags.get(nested), JoinMessage.unsubscribe(nested, oldRef, oldRoute, oldRow.pk, source));
            }
            if (newRef != null && changed) {
                ctx.output(tags.get(nested), JoinMessage.subscribe(nested, newRef, newRoute, newRow.pk, source));
            }
        }
    }
}
