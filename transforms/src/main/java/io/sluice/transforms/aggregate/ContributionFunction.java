package io.sluice.transforms.aggregate;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;
import io.sluice.transforms.expr.Expression;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns the row changes of the aggregate's {@code from} into contributions to groups, keyed by
 * row: it keeps what each source row contributes now (its group and arguments, per physical
 * table, since shards merged by a route may share keys), so a change retracts exactly what the
 * row had added and adds what it holds now. A row image seen again (a snapshot chunk read again
 * after a restore in its middle) then changes nothing, and an update never retracts what was
 * never added. A row with nothing kept (first seen as an update or delete, e.g. after a restore
 * from a version that kept nothing) retracts its old image, as the change says; so do rows of a
 * table without a key, which all share one key.
 */
@Internal
final class ContributionFunction extends KeyedProcessFunction<String, Event, Contribution> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContributionFunction.class);

    private final AggregatePlan plan;
    /** Per physical table ({@code db.table} as the source read it): what the row contributes now. */
    private transient MapState<String, Contribution> current;

    ContributionFunction(AggregatePlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext context) {
        current = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("contributions", StringSerializer.INSTANCE, Contribution.Serializer.INSTANCE));
    }

    @Override
    public void processElement(Event event, Context context, Collector<Contribution> out) throws Exception {
        if (event instanceof SchemaChange change && reads(change.table())) {
            TruncatePolicy.removal(change).ifPresent(how -> tableRemoved(change, how));
            return;
        }
        if (!(event instanceof RowChange row) || !reads(row.table())) {
            return;
        }
        TableSchema schema = row.schema();
        String db = row.table().db();
        SourceInfo source = row.source();
        Contribution now = row.after() == null ? null : contribution(schema, row.after(), db, source);
        if (!schema.hasKey()) {
            // rows without a key share one key (their table): nothing can be kept per row
            emit(row.before() == null ? null : contribution(schema, row.before(), db, source), now, db, source, out);
            return;
        }
        String physical = physical(row);
        Contribution before = current.get(physical);
        if (before == null && row.before() != null && row.op() != Op.READ) {
            before = contribution(schema, row.before(), db, source);
        }
        if (now == null) {
            current.remove(physical);
        } else {
            current.put(physical, now);
        }
        emit(before, now, db, source, out);
    }

    /** Retracts {@code before} and adds {@code now}: one contribution when they stay in one group. */
    private static void emit(Contribution before, Contribution now, String db, SourceInfo source,
            Collector<Contribution> out) {
        if (before != null && now != null && before.groupKey().equals(now.groupKey())) {
            if (!Values.equal(before.add(), now.add())) {
                out.collect(new Contribution(now.groupKey(), now.groupValues(), db, source, before.add(), now.add()));
            }
            return;
        }
        if (before != null) {
            out.collect(new Contribution(before.groupKey(), before.groupValues(), db, source, before.add(), null));
        }
        if (now != null) {
            out.collect(now);
        }
    }

    /** What an image contributes: its group and its arguments, as an addition. */
    private Contribution contribution(TableSchema schema, Object[] image, String db, SourceInfo source) {
        Object[] group = evaluate(plan.groupBy, schema, image);
        return new Contribution(KeyCodec.encode(group), group, db, source, null, evaluate(plan.arguments, schema, image));
    }

    /**
     * Where the row's contribution is kept under its key: a base table's rows by their physical
     * table (merged shards may share keys); a join's or aggregate's rows by their logical table,
     * since their source names whichever table set off the emission.
     */
    private String physical(RowChange row) {
        SourceInfo source = row.source();
        boolean baseTable = plan.from.indexOf('.') >= 0;
        return !baseTable || source == null ? row.table().toString() : source.db() + "." + source.table();
    }

    private boolean reads(TableId table) {
        String from = plan.from;
        return from.indexOf('.') >= 0 ? table.toString().equalsIgnoreCase(from) : table.table().equals(from);
    }

    /**
     * The aggregate's table was truncated or dropped: its rows' contributions would stay in the
     * groups, so the job stops ({@code truncate: fail}) unless told to keep them ({@code ignore}).
     */
    private void tableRemoved(SchemaChange change, String how) {
        if (plan.truncate == TruncatePolicy.IGNORE) {
            LOG.warn("aggregate {}: {} was {} at {} ({}); truncate: ignore, so its rows stay counted", plan.name,
                    change.table(), how, TruncatePolicy.at(change), change.ddl());
            return;
        }
        throw new SuppressRestartsException(new IllegalStateException("aggregate " + plan.name + ": " + change.table()
                + " was " + how + " at the source (" + change.ddl() + ", at " + TruncatePolicy.at(change) + "); the"
                + " groups still count its rows, so the job stops here. Set truncate: ignore on the aggregate to keep"
                + " them counted and go on, then start again from the last checkpoint"));
    }

    private static Object[] evaluate(List<Expression> expressions, TableSchema schema, Object[] image) {
        Object[] values = new Object[expressions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = expressions.get(i).evaluate(schema, image);
        }
        return values;
    }
}
