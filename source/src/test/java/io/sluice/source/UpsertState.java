package io.sluice.source;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a change stream as upserts and deletes to a map keyed by (table, key), kept in
 * checkpointed state; on the workload's marker row it emits the map, one entry per line. It can
 * fail on purpose after given numbers of records (counted across restarts), to force restores:
 * each failure waits until a checkpoint of the current attempt completed, so every one restores
 * from a checkpoint, however fast the records come (a failure before the job's first checkpoint
 * would restart it from nothing).
 */
final class UpsertState extends AbstractStreamOperator<String> implements OneInputStreamOperator<Event, String> {
    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicLong SNAPSHOT_ROWS_SEEN = new AtomicLong();
    static final AtomicLong BINLOG_ROWS_SEEN = new AtomicLong();
    static final List<Long> RESTORED_WITH_ROWS = new CopyOnWriteArrayList<>();
    /** How many of the {@code failAt} failures were thrown, across restarts. */
    static final AtomicInteger FAILURES_THROWN = new AtomicInteger();

    private final long[] failAt;
    private final long failAtBinlogRow;
    private transient ListState<String> state;
    private transient Map<String, String> rows;
    private transient boolean checkpointCompleted;

    /**
     * @param failAtBinlogRow also fail once this many binlog changes were seen (0: never)
     * @param failAt fail after these numbers of records
     */
    UpsertState(long failAtBinlogRow, long... failAt) {
        this.failAtBinlogRow = failAtBinlogRow;
        this.failAt = failAt;
    }

    static void reset() {
        SEEN.set(0);
        SNAPSHOT_ROWS_SEEN.set(0);
        BINLOG_ROWS_SEEN.set(0);
        RESTORED_WITH_ROWS.clear();
        FAILURES_THROWN.set(0);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("rows", Types.STRING));
        rows = new TreeMap<>();
        for (String entry : state.get()) {
            int tab = entry.indexOf('\t');
            rows.put(entry.substring(0, tab), entry.substring(tab + 1));
        }
        if (context.isRestored()) {
            RESTORED_WITH_ROWS.add((long) rows.size());
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        checkpointCompleted = true;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<String> entries = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> entries.add(k + "\t" + v));
        state.update(entries);
    }

    @Override
    public void processElement(StreamRecord<Event> element) {
        long seen = SEEN.incrementAndGet();
        int next = FAILURES_THROWN.get();
        if (next < failAt.length && seen >= failAt[next] && checkpointCompleted
                && FAILURES_THROWN.compareAndSet(next, next + 1)) {
            throw new IllegalStateException("injected failure after " + seen + " records");
        }
        Event e = element.getValue();
        if (e instanceof RowChange r && r.op() == Op.READ) {
            SNAPSHOT_ROWS_SEEN.incrementAndGet();
        } else if (e instanceof RowChange && BINLOG_ROWS_SEEN.incrementAndGet() == failAtBinlogRow) {
            throw new IllegalStateException("injected failure after " + failAtBinlogRow + " binlog changes");
        }
        if (SnapshotWorkload.isMarker(e)) {
            StringBuilder out = new StringBuilder();
            rows.forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
            output.collect(new StreamRecord<>(out.toString()));
            return;
        }
        SnapshotWorkload.apply(rows, e);
    }
}
