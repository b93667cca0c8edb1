package io.sluice.transforms.join;

import io.sluice.event.Column;
import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator of the main table, keyed by its primary key: it keeps the main row, the values of
 * its lookups and children for the keys it references, and the document it emitted last; and it
 * emits the document whenever it changes and is complete (every referenced value arrived): an
 * insert the first time, then updates (whole, or only the changed fields), and a delete when the
 * main row goes.
 */
@Internal
final class DocumentFunction extends KeyedProcessFunction<String, JoinMessage, Event> {
    private static final long serialVersionUID = 1L;

    private final JoinPlan plan;
    private transient Assembler assembler;
    private transient ValueState<NodeRow> main;
    private transient MapState<String, Fragment> results;
    private transient ValueState<Fragment> emitted;

    DocumentFunction(JoinPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(Configuration parameters) {
        assembler = new Assembler(plan, plan.main());
        main = getRuntimeContext().getState(new ValueStateDescriptor<>("main", NodeRow.Serializer.INSTANCE));
        results = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("results", StringSerializer.INSTANCE, Fragment.Serializer.INSTANCE));
        emitted = getRuntimeContext().getState(new ValueStateDescriptor<>("document", Fragment.Serializer.INSTANCE));
    }

    @Override
    public void processElement(JoinMessage m, Context ctx, Collector<Event> out) throws Exception {
        List<String> deletedKey = null;
        switch (m.kind) {
            case UPSERT:
                main.update(m.row);
                break;
            case DELETE:
                NodeRow gone = main.value();
                deletedKey = gone == null ? null : gone.keyColumns;
                main.clear();
                break;
            case RESULT:
                results.put(resultKey(m.slot, m.ref), m.value);
                break;
            case RETRACT:
                results.remove(resultKey(m.slot, m.ref));
                break;
            default:
                throw new IllegalStateException("unexpected " + m);
        }
        NodeRow row = main.value();
        Fragment previous = emitted.value();
        if (row == null) {
            if (previous != null && deletedKey != null) {
                out.collect(delete(previous, deletedKey, m.source));
                emitted.clear();
            }
            return;
        }
        Fragment doc = assembler.assemble(row, (slot, ref) -> results.get(resultKey(slot, ref)));
        if (doc == null || doc.equals(previous)) {
            return; // waiting for a lookup or child, or nothing changed
        }
        out.collect(previous == null ? insert(doc, row.keyColumns, m.source)
                : plan.mode == JoinOutput.PARTIAL ? partial(previous, doc, row.keyColumns, m.source)
                : update(previous, doc, row.keyColumns, m.source));
        emitted.update(doc);
    }

    private static String resultKey(int slot, String ref) {
        return KeyCodec.encode(new Object[] {(long) slot, ref});
    }

    private TableSchema schema(List<Column> columns, List<String> key) {
        return new TableSchema(plan.output, columns, key);
    }

    private RowChange insert(Fragment doc, List<String> key, SourceInfo source) {
        return new RowChange(Op.INSERT, plan.output, schema(doc.columns, key), null, doc.values, source);
    }

    private RowChange delete(Fragment previous, List<String> key, SourceInfo source) {
        return new RowChange(Op.DELETE, plan.output, schema(previous.columns, key), previous.values, null, source);
    }

    private RowChange update(Fragment previous, Fragment doc, List<String> key, SourceInfo source) {
        Object[] before = new Object[doc.columns.size()];
        for (int i = 0; i < before.length; i++) {
            int j = previous.indexOf(doc.columns.get(i).name());
            before[i] = j < 0 ? null : previous.values[j];
        }
        return new RowChange(Op.UPDATE, plan.output, schema(doc.columns, key), before, doc.values, source);
    }

    /** Key columns and the fields whose value changed, appeared or disappeared (then null). */
    private RowChange partial(Fragment previous, Fragment doc, List<String> key, SourceInfo source) {
        Set<String> names = new LinkedHashSet<>(key);
        for (int i = 0; i < doc.columns.size(); i++) {
            int j = previous.indexOf(doc.columns.get(i).name());
            if (j < 0 || !Values.equal(previous.values[j], doc.values[i])) {
                names.add(doc.columns.get(i).name());
            }
        }
        for (Column c : previous.columns) {
            if (doc.indexOf(c.name()) < 0) {
                names.add(c.name());
            }
        }
        List<Column> columns = new ArrayList<>(names.size());
        Object[] before = new Object[names.size()];
        Object[] after = new Object[names.size()];
        int n = 0;
        for (String name : names) {
            int i = doc.indexOf(name);
            int j = previous.indexOf(name);
            columns.add(i >= 0 ? doc.columns.get(i) : previous.columns.get(j));
            after[n] = i >= 0 ? doc.values[i] : null;
            before[n] = j >= 0 ? previous.values[j] : null;
            n++;
        }
        return new RowChange(Op.UPDATE, plan.output, schema(columns, key), before, after, source);
    }
}
