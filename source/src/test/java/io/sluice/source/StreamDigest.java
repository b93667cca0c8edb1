package io.sluice.source;

import io.sluice.source.config.BinlogSourceConfig;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import io.sluice.event.Event;
import io.sluice.event.json.CanonicalJson;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Folds a stream into an order-sensitive digest (count and a rolling hash of every event's
 * canonical JSON, position included), kept in checkpointed state; emits it at the end of input.
 * Two runs emit the same digest only if they emitted the same events in the same order. It can
 * also fail on purpose after given numbers of records (counted across restarts), to force
 * restores from checkpoints.
 */
final class StreamDigest extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<Event, String>, BoundedOneInput {
    /** Records seen by all attempts of the job, for failure injection. */
    static final AtomicLong SEEN = new AtomicLong();
    /** The record counts the digest was restored at. */
    static final List<Long> RESTORED_AT = new CopyOnWriteArrayList<>();

    private final long[] failAt;
    private transient ListState<Long> state;
    private transient long count;
    private transient long hash;

    StreamDigest(long... failAt) {
        this.failAt = failAt;
    }

    static void reset() {
        SEEN.set(0);
        RESTORED_AT.clear();
    }

    /**
     * The digest of a bounded source's whole stream; with checkpointing every 100-150 ms and the
     * job failing after each of {@code failAt} records, restored from its checkpoints.
     */
    @SuppressWarnings("deprecation")
    static String of(BinlogSourceConfig config, boolean checkpointing, long... failAt) throws Exception {
        reset();
        StreamExecutionEnvironment env = SourceTestSupport.env();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        if (checkpointing) {
            env.enableCheckpointing(150);
            env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failAt.length + 2, Time.milliseconds(100)));
        }
        List<String> out = new java.util.ArrayList<>();
        try (CloseableIterator<String> it = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                .transform("digest", Types.STRING, new StreamDigest(failAt))
                .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        if (out.size() != 1) {
            throw new AssertionError("expected one digest at the end of the stream, got " + out);
        }
        return out.get(0);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("digest", Types.LONG));
        List<Long> saved = new java.util.ArrayList<>();
        state.get().forEach(saved::add);
        if (saved.size() == 2) {
            count = saved.get(0);
            hash = saved.get(1);
            RESTORED_AT.add(count);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.update(List.of(count, hash));
    }

    @Override
    public void processElement(StreamRecord<Event> element) {
        long seen = SEEN.incrementAndGet();
        for (long f : failAt) {
            if (seen == f) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
        }
        count++;
        hash = hash * 1_000_003L + CanonicalJson.toJson(element.getValue()).hashCode();
    }

    @Override
    public void endInput() {
        output.collect(new StreamRecord<>(count + ":" + hash));
    }
}
