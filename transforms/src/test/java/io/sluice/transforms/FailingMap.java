package io.sluice.transforms;

import io.sluice.event.Event;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes events through and fails on purpose after given numbers of records, counted across all
 * attempts of the job, to force restores from checkpoints; counts the restores that started from
 * a checkpoint.
 */
public final class FailingMap implements MapFunction<Event, Event>, CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;

    public static final AtomicLong SEEN = new AtomicLong();
    public static final AtomicInteger RESTORES = new AtomicInteger();
    private static final Set<Long> FIRED = ConcurrentHashMap.newKeySet();

    private final long[] failAt;
    /** A checkpoint completed in this attempt: a failure now is restored from it. */
    private transient boolean checkpointed;

    public FailingMap(long... failAt) {
        this.failAt = failAt;
    }

    public static void reset() {
        SEEN.set(0);
        RESTORES.set(0);
        FIRED.clear();
    }

    @Override
    public Event map(Event event) throws InterruptedException {
        long seen = SEEN.incrementAndGet();
        if (FIRED.size() < failAt.length) {
            // paced while failures are due, so checkpoints complete between them on any machine
            Thread.sleep(1);
        }
        for (long f : failAt) {
            if (seen >= f && checkpointed && FIRED.add(f)) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
        }
        return event;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        if (context.isRestored()) {
            RESTORES.incrementAndGet();
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}
}
