package io.sluice.transforms.join;

import io.sluice.event.Event;
import io.sluice.event.EventSerializer;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.Values;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;

/**
 * A join's operators in Flink's test harnesses, wired by an in-memory network: one FIFO channel
 * per (sender, receiver) pair, as between two Flink subtasks, delivered in a random interleaving
 * across channels. It applies the documents to a table as an upserting sink would, checking
 * that every insert is new, every update's before image is the last document and every delete
 * removes one, and can checkpoint and restore every operator between two records.
 */
final class JoinSimulation implements AutoCloseable {
    private final JoinPlan plan;
    private final Random random;
    private OneInputStreamOperatorTestHarness<Event, JoinMessage> splitter;
    private final List<KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, ?>> nodes = new ArrayList<>();
    /** Channels keyed by "sender->receiver"; the splitter is sender -1. */
    private final Map<String, Deque<JoinMessage>> channels = new LinkedHashMap<>();
    private final Map<String, Integer> receiverOf = new LinkedHashMap<>();
    private long checkpoint;
    long processingTime;

    final List<RowChange> emitted = new ArrayList<>();
    /** The documents by encoded main key, as a sink applying the output would hold them. */
    final Map<String, RowChange> documents = new LinkedHashMap<>();

    JoinSimulation(JoinSpec spec, long seed) throws Exception {
        this.plan = new JoinPlan(spec);
        this.random = new Random(seed);
        start(null, null);
    }

    private void start(OperatorSubtaskState splitState, List<OperatorSubtaskState> nodeStates) throws Exception {
        splitter = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new JoinSplitter(plan)));
        splitter.setup(JoinMessage.Serializer.INSTANCE);
        if (splitState != null) {
            splitter.initializeState(splitState);
        }
        splitter.open();
        nodes.clear();
        for (JoinPlan.Node node : plan.nodes) {
            KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, ?> h;
            if (node.index == 0) {
                KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, Event> d =
                        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DocumentFunction(plan)),
                                JoinMessage::route, Types.STRING);
                d.setup(EventSerializer.INSTANCE);
                h = d;
            } else {
                KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, JoinMessage> n =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                new KeyedProcessOperator<>(new NodeFunction(plan, node.index)), JoinMessage::route,
                                Types.STRING);
                n.setup(JoinMessage.Serializer.INSTANCE);
                h = n;
            }
            h.getExecutionConfig().disableGenericTypes();
            if (nodeStates != null) {
                h.initializeState(nodeStates.get(node.index));
            }
            h.open();
            h.setProcessingTime(processingTime);
            nodes.add(h);
        }
    }

    /** Feeds one event and delivers every message it causes, in a random interleaving. */
    void feed(Event event) throws Exception {
        splitter.processElement(new StreamRecord<>(event));
        for (JoinPlan.Node node : plan.nodes) {
            Queue<StreamRecord<JoinMessage>> out = splitter.getSideOutput(JoinSplitter.tag(node.index));
            while (out != null && !out.isEmpty()) {
                send(-1, out.poll().getValue());
            }
        }
        deliverAll();
    }

    private void send(int sender, JoinMessage m) {
        String channel = sender + "->" + m.node;
        channels.computeIfAbsent(channel, c -> new ArrayDeque<>()).add(m);
        receiverOf.put(channel, m.node);
    }

    @SuppressWarnings("unchecked")
    private void deliverAll() throws Exception {
        while (true) {
            List<String> busy = new ArrayList<>();
            channels.forEach((c, q) -> {
                if (!q.isEmpty()) {
                    busy.add(c);
                }
            });
            if (busy.isEmpty()) {
                return;
            }
            String channel = busy.get(random.nextInt(busy.size()));
            JoinMessage m = channels.get(channel).poll();
            int receiver = receiverOf.get(channel);
            KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, ?> h = nodes.get(receiver);
            h.processElement(new StreamRecord<>(m));
            drain(receiver, h);
        }
    }

    private void drain(int receiver, KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, ?> h) {
        Queue<Object> out = h.getOutput();
        while (!out.isEmpty()) {
            Object o = out.poll();
            if (!(o instanceof StreamRecord<?> record)) {
                continue;
            }
            if (receiver == 0) {
                apply((RowChange) record.getValue());
            } else {
                send(receiver, (JoinMessage) record.getValue());
            }
        }
    }

    private void apply(RowChange doc) {
        emitted.add(doc);
        String key = KeyCodec.encode(RowChange.keyOf(doc.schema(), doc.current()));
        RowChange last = documents.get(key);
        switch (doc.op()) {
            case INSERT:
                if (last != null) {
                    throw new AssertionError("insert of an existing document " + doc);
                }
                documents.put(key, doc);
                break;
            case UPDATE:
                if (last == null) {
                    throw new AssertionError("update of a missing document " + doc);
                }
                if (plan.mode == JoinOutput.FULL) {
                    for (int i = 0; i < doc.schema().size(); i++) {
                        String name = doc.schema().column(i).name();
                        int j = last.schema().indexOf(name);
                        Object previous = j < 0 ? null : last.after()[j];
                        if (!Values.equal(previous, doc.before()[i])) {
                            throw new AssertionError("before image of " + name + " is " + Values.toString(doc.before()[i])
                                    + " but the last document had " + Values.toString(previous));
                        }
                    }
                    documents.put(key, doc);
                } else {
                    documents.put(key, merge(last, doc));
                }
                break;
            case DELETE:
                if (documents.remove(key) == null) {
                    throw new AssertionError("delete of a missing document " + doc);
                }
                break;
            default:
                throw new AssertionError("unexpected op " + doc);
        }
    }

    /** What a sink merging partial updates into the stored document would hold. */
    private static RowChange merge(RowChange last, RowChange partial) {
        List<io.sluice.event.Column> columns = new ArrayList<>(last.schema().columns());
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(last.after()));
        for (int i = 0; i < partial.schema().size(); i++) {
            String name = partial.schema().column(i).name();
            int j = last.schema().indexOf(name);
            if (j >= 0) {
                values.set(j, partial.after()[i]);
            } else {
                columns.add(partial.schema().column(i));
                values.add(partial.after()[i]);
            }
        }
        io.sluice.event.TableSchema schema = new io.sluice.event.TableSchema(last.table(), columns,
                last.schema().keyColumns());
        return new RowChange(Op.INSERT, last.table(), schema, null, values.toArray(), partial.source());
    }

    /** Checkpoints every operator between two records (the network is empty) and restores new ones. */
    void restart() throws Exception {
        checkpoint++;
        OperatorSubtaskState split = splitter.snapshot(checkpoint, checkpoint);
        List<OperatorSubtaskState> states = new ArrayList<>();
        for (KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, ?> h : nodes) {
            states.add(h.snapshot(checkpoint, checkpoint));
        }
        close();
        start(split, states);
    }

    void advanceProcessingTime(long millis) throws Exception {
        processingTime += millis;
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).setProcessingTime(processingTime);
            drain(i, nodes.get(i));
        }
        deliverAll();
    }

    /** The document of a main key's values. */
    RowChange document(Object... key) {
        return documents.get(KeyCodec.encode(key));
    }

    @Override
    public void close() throws Exception {
        splitter.close();
        for (KeyedOneInputStreamOperatorTestHarness<String, JoinMessage, ?> h : nodes) {
            h.close();
        }
    }
}
