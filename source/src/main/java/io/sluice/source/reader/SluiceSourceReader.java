package io.sluice.source.reader;

import io.sluice.event.Event;
import io.sluice.event.TableId;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.server.StartPositionResolver;
import io.sluice.source.events.BinlogSplitReturnedEvent;
import io.sluice.source.events.ChunksAckEvent;
import io.sluice.source.events.ChunksFinishedEvent;
import io.sluice.source.metrics.SnapshotMetrics;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.BinlogSplitState;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SluiceSplitState;
import io.sluice.source.split.SnapshotSplit;
import io.sluice.source.split.SnapshotSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The source's reader: one fetcher thread that reads snapshot chunks (asking for the next while
 * it reads one) and, on one reader, the binlog split.
 *
 * <p>A finished chunk is reported to the enumerator with its high watermark and kept in this
 * reader's checkpoints until the enumerator acknowledges it: a report still in flight when a
 * checkpoint is taken is sent again after a restore instead of being lost.
 *
 * <p>With {@link BinlogSourceConfig#scanNewlyAddedTables()} the reader gives the binlog split back
 * to the enumerator when it stops before a rename into a captured name, and on every restore (so
 * tables that newly match the patterns are snapshotted before it continues); the given-back split
 * stays in this reader's checkpoints until the enumerator acknowledges it. A restore loses at most
 * the names of renamed tables, and the binlog from the split's position finds them again.
 */
@Internal
public final class SluiceSourceReader
        extends SingleThreadMultiplexSourceReaderBase<SourceRecord, Event, SluiceSplit, SluiceSplitState> {
    /** Chunks a reader holds at once: one being read, the next one ready. */
    static final int CHUNKS_AHEAD = 2;

    private final BinlogSourceConfig config;
    private final SnapshotMetrics snapshotMetrics;
    private final Map<String, SnapshotSplit> finishedUnacked = new LinkedHashMap<>();
    private final List<SnapshotSplit> toReport = new ArrayList<>();
    private boolean holdsBinlog;
    private boolean started;
    /** The binlog split given back to the enumerator and not acknowledged yet. */
    private BinlogSplit returned;
    private List<TableId> returnedFor = List.of();
    private final Queue<TableId> appeared;

    public SluiceSourceReader(BinlogSourceConfig config, SourceReaderContext context) {
        this(config, context, new SourceMetrics(context.metricGroup()), SnapshotMetrics.reader(context.metricGroup()),
                new ConcurrentLinkedQueue<>());
    }

    private SluiceSourceReader(BinlogSourceConfig config, SourceReaderContext context, SourceMetrics metrics,
            SnapshotMetrics snapshot, Queue<TableId> appeared) {
        super(() -> new SluiceSplitReader(config, metrics, snapshot, context.getIndexOfSubtask(), appeared),
                new SluiceRecordEmitter(metrics), context.getConfiguration(), context);
        this.config = config;
        this.snapshotMetrics = snapshot;
        this.appeared = appeared;
    }

    @Override
    public void start() {
        started = true;
        reportRestored();
        sendReturned();
        if (!holdsBinlog) {
            for (int i = 0; i < CHUNKS_AHEAD; i++) {
                context.sendSplitRequest();
            }
        }
    }

    @Override
    public void addSplits(List<SluiceSplit> splits) {
        List<SluiceSplit> toRead = new ArrayList<>(splits.size());
        List<SnapshotSplit> restoredFinished = new ArrayList<>();
        for (SluiceSplit split : splits) {
            if (split instanceof SnapshotSplit s && s.isFinished()) {
                finishedUnacked.put(s.splitId(), s);
                restoredFinished.add(s);
            } else if (split instanceof BinlogSplit b && !started && config.scanNewlyAddedTables()) {
                // restored: the enumerator decides whether tables that newly match are snapshotted first
                returned = b;
                returnedFor = List.of();
            } else if (split instanceof BinlogSplit b && b.stop() == null && config.stop().isPresent()) {
                // restored from an unbounded run into a bounded one: it ends where this run says
                holdsBinlog = true;
                toRead.add(b.withStop(StartPositionResolver.checkAndResolveStop(config)));
            } else {
                holdsBinlog |= split instanceof BinlogSplit;
                toRead.add(split);
            }
        }
        toReport.addAll(restoredFinished);
        if (started) {
            reportRestored();
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    /** The given-back binlog split, until the enumerator acknowledges it. */
    private void sendReturned() {
        if (returned != null) {
            context.sendSourceEventToCoordinator(new BinlogSplitReturnedEvent(returned, returnedFor));
        }
    }

    /** Chunks restored as finished but not acknowledged: the enumerator may not have their report. */
    private void reportRestored() {
        if (!toReport.isEmpty()) {
            context.sendSourceEventToCoordinator(new ChunksFinishedEvent(toReport));
            toReport.clear();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SluiceSplitState> finishedSplitIds) {
        List<SnapshotSplit> chunks = new ArrayList<>();
        for (SluiceSplitState state : finishedSplitIds.values()) {
            if (state instanceof SnapshotSplitState s && s.isFinished()) {
                SnapshotSplit done = s.toSplit();
                finishedUnacked.put(done.splitId(), done);
                chunks.add(done);
                snapshotMetrics.chunkRead(done.table(), s.rowsEmitted());
            } else if (state instanceof BinlogSplitState b) {
                List<TableId> tables = new ArrayList<>();
                for (TableId t = appeared.poll(); t != null; t = appeared.poll()) {
                    tables.add(t);
                }
                if (!tables.isEmpty()) {
                    // stopped before a rename into a captured name: the enumerator snapshots the tables first
                    returned = b.toSplit();
                    returnedFor = List.copyOf(tables);
                    holdsBinlog = false;
                    sendReturned();
                    for (int i = 0; i < CHUNKS_AHEAD; i++) {
                        context.sendSplitRequest();
                    }
                }
                // else: the split reached its stop position; the enumerator sends no more
            }
        }
        if (!chunks.isEmpty()) {
            context.sendSourceEventToCoordinator(new ChunksFinishedEvent(chunks));
            for (int i = 0; i < chunks.size(); i++) {
                context.sendSplitRequest();
            }
        }
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof ChunksAckEvent ack) {
            ack.splitIds().forEach(finishedUnacked::remove);
            if (ack.splitIds().contains(BinlogSplit.ID)) {
                returned = null;
                returnedFor = List.of();
            }
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public List<SluiceSplit> snapshotState(long checkpointId) {
        List<SluiceSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedUnacked.values());
        if (returned != null) {
            splits.add(returned);
        }
        return splits;
    }

    @Override
    protected SluiceSplitState initializedState(SluiceSplit split) {
        if (split instanceof BinlogSplit b) {
            return new BinlogSplitState(b);
        }
        return new SnapshotSplitState((SnapshotSplit) split);
    }

    @Override
    protected SluiceSplit toSplitType(String splitId, SluiceSplitState state) {
        return state.toSplit();
    }
}
