package io.sluice.transforms.aggregate;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;
import io.sluice.transforms.expr.Expression;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * Turns the row changes of the aggregate's {@code from} into contributions to groups: the old
 * image retracts from its group, the new image adds to its own. Stateless; runs with the input's
 * parallelism so the changes of a row keep their order.
 */
@Internal
final class ContributionFunction implements FlatMapFunction<Event, Contribution> {
    private static final long serialVersionUID = 1L;

    private final AggregatePlan plan;

    ContributionFunction(AggregatePlan plan) {
        this.plan = plan;
    }

    @Override
    public void flatMap(Event event, Collector<Contribution> out) {
        if (!(event instanceof RowChange row) || !reads(row)) {
            return;
        }
        TableSchema schema = row.schema();
        Object[] oldImage = row.before();
        Object[] newImage = row.after();
        Object[] oldGroup = oldImage == null ? null : evaluate(plan.groupBy, schema, oldImage);
        Object[] newGroup = newImage == null ? null : evaluate(plan.groupBy, schema, newImage);
        Object[] oldArgs = oldImage == null ? null : evaluate(plan.arguments, schema, oldImage);
        Object[] newArgs = newImage == null ? null : evaluate(plan.arguments, schema, newImage);
        String db = row.table().db();
        if (oldGroup != null && newGroup != null) {
            String oldKey = KeyCodec.encode(oldGroup);
            String newKey = KeyCodec.encode(newGroup);
            if (oldKey.equals(newKey)) {
                if (!Values.equal(oldArgs, newArgs)) {
                    out.collect(new Contribution(newKey, newGroup, db, row.source(), oldArgs, newArgs));
                }
                return;
            }
            out.collect(new Contribution(oldKey, oldGroup, db, row.source(), oldArgs, null));
            out.collect(new Contribution(newKey, newGroup, db, row.source(), null, newArgs));
        } else if (oldGroup != null) {
            out.collect(new Contribution(KeyCodec.encode(oldGroup), oldGroup, db, row.source(), oldArgs, null));
        } else {
            out.collect(new Contribution(KeyCodec.encode(newGroup), newGroup, db, row.source(), null, newArgs));
        }
    }

    private boolean reads(RowChange row) {
        String from = plan.from;
        return from.indexOf('.') >= 0 ? row.table().toString().equalsIgnoreCase(from) : row.table().table().equals(from);
    }

    private static Object[] evaluate(List<Expression> expressions, TableSchema schema, Object[] image) {
        Object[] values = new Object[expressions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = expressions.get(i).evaluate(schema, image);
        }
        return values;
    }
}
