package io.sluice.transforms.aggregate;

import io.sluice.core.key.RowKeySelector;

import io.sluice.event.Event;
import io.sluice.event.EventSerializer;
import io.sluice.event.RowChange;
import io.sluice.event.Values;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an aggregate's two functions in Flink's keyed operator test harness, and keeps the table
 * its output describes (group key to row) as a sink applying upserts and deletes would.
 */
final class AggregateHarness implements AutoCloseable {
    private final AggregatePlan plan;
    private KeyedOneInputStreamOperatorTestHarness<String, Event, Contribution> contributions;
    private KeyedOneInputStreamOperatorTestHarness<String, Contribution, Event> harness;
    private long checkpointId;
    final List<RowChange> emitted = new ArrayList<>();
    final Map<String, Object[]> table = new LinkedHashMap<>();

    AggregateHarness(AggregateSpec spec) throws Exception {
        this.plan = new AggregatePlan(spec);
        this.contributions = newContributions();
        contributions.open();
        this.harness = newHarness();
        harness.open();
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Contribution> newContributions() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Event, Contribution> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ContributionFunction(plan)), new RowKeySelector(), Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setup(Contribution.Serializer.INSTANCE);
        return h;
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Contribution, Event> newHarness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Contribution, Event> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GroupAggregator(plan)), Contribution::groupKey, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setup(EventSerializer.INSTANCE);
        return h;
    }

    /** Feeds one event and returns what the aggregate emitted for it. */
    List<RowChange> feed(Event event) throws Exception {
        int seen = contributions.extractOutputValues().size();
        contributions.processElement(new StreamRecord<>(event));
        List<Contribution> all0 = contributions.extractOutputValues();
        List<Contribution> out = new ArrayList<>(all0.subList(seen, all0.size()));
        int before = harness.extractOutputValues().size();
        for (Contribution c : out) {
            harness.processElement(new StreamRecord<>(c));
        }
        List<Event> all = harness.extractOutputValues();
        List<RowChange> fresh = new ArrayList<>();
        for (Event e : all.subList(before, all.size())) {
            RowChange r = (RowChange) e;
            fresh.add(r);
            emitted.add(r);
            String key = KeyCodec.encode(RowChange.keyOf(r.schema(), r.current()));
            if (r.after() == null) {
                if (table.remove(key) == null) {
                    throw new AssertionError("delete of a group never emitted: " + r);
                }
            } else {
                Object[] previous = table.put(key, r.after());
                if ((previous == null) != (r.op() == io.sluice.event.Op.INSERT)) {
                    throw new AssertionError("op " + r.op() + " but previous row " + Values.toString(previous));
                }
                if (previous != null && !Values.equal(previous, r.before())) {
                    throw new AssertionError("before image " + Values.toString(r.before()) + " is not the last "
                            + "emitted row " + Values.toString(previous));
                }
            }
        }
        return fresh;
    }

    /** Takes a checkpoint, discards the operator and restores a new one from it. */
    void restart() throws Exception {
        OperatorSubtaskState rows = contributions.snapshot(++checkpointId, checkpointId);
        OperatorSubtaskState state = harness.snapshot(checkpointId, checkpointId);
        contributions.close();
        harness.close();
        contributions = newContributions();
        contributions.initializeState(rows);
        contributions.open();
        harness = newHarness();
        harness.initializeState(state);
        harness.open();
    }

    @Override
    public void close() throws Exception {
        contributions.close();
        harness.close();
    }
}
