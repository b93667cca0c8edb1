package io.sluice.source.enumerator;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.events.BinlogSplitReturnedEvent;
import io.sluice.source.events.ChunksAckEvent;
import io.sluice.source.events.ChunksFinishedEvent;
import io.sluice.source.metrics.SnapshotMetrics;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hands out the source's splits: the snapshot's chunks first (to every reader that asks, each
 * reader keeping up to two), then the single binlog split, which starts at the smallest high
 * watermark of the snapshot and carries the watermarks until it passes the largest. Without a
 * snapshot the binlog split is created at once. The decisions live in {@link SplitAssigner} (plain
 * Java, with the binlog split's phases) and the chunk bookkeeping in {@link SnapshotAssigner};
 * this class only talks to Flink.
 *
 * <p>The binlog split is handed out only once a checkpoint taken after the last chunk finished
 * has completed. Chunks are read on every reader and the binlog on one, so a row's snapshot and
 * its first binlog change leave through different channels; the completed checkpoint's barriers
 * have pushed every snapshot row through every operator before the first binlog change follows,
 * which keeps each row's changes in order downstream. Without checkpoints the split is handed
 * out after {@link BinlogSourceConfig#handoverTimeout()}.
 *
 * <p>With {@link BinlogSourceConfig#scanNewlyAddedTables()}, tables that appear later are
 * snapshotted the same way while the binlog split waits: a reader gives the split back (at a
 * rename of a populated table into a captured name, and on every restore), the enumerator hands
 * out the new tables' chunks, and the split continues from where it stopped with the new chunks'
 * watermarks added to its hand-over filter. Every chunk is read after the split stopped, so its
 * watermarks lie after the split's position: the binlog from there skips, per key range, exactly
 * the changes the chunk's rows already hold.
 */
@Internal
public final class SluiceEnumerator implements SplitEnumerator<SluiceSplit, EnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceEnumerator.class);

    private final SplitEnumeratorContext<SluiceSplit> context;
    private final BinlogSourceConfig config;
    private final SplitAssigner assigner;
    /** Requests per reader not answered yet. */
    private final Map<Integer, Integer> waiting = new TreeMap<>();
    private SnapshotMetrics metrics;
    private boolean releaseTimerStarted;

    public SluiceEnumerator(
            SplitEnumeratorContext<SluiceSplit> context, BinlogSourceConfig config, EnumeratorState state) {
        this(context, config, SplitAssigner.of(config, state));
    }

    SluiceEnumerator(SplitEnumeratorContext<SluiceSplit> context, BinlogSourceConfig config, SplitAssigner assigner) {
        this.context = context;
        this.config = config;
        this.assigner = assigner;
    }

    @Override
    public void start() {
        metrics = SnapshotMetrics.enumerator(context.metricGroup());
        assigner.start(context.currentParallelism());
        afterChange();
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        waiting.merge(subtask, 1, Integer::sum);
        assignWaiting();
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
        if (event instanceof BinlogSplitReturnedEvent returned) {
            context.sendEventToSourceReader(subtask, new ChunksAckEvent(List.of(BinlogSplit.ID)));
            if (!assigner.binlogReturned(returned.split(), returned.tables())) {
                LOG.warn("subtask {} returned the binlog split while the enumerator has it already ({}); ignoring"
                        + " the repeat", subtask, assigner.phase());
            }
        } else if (event instanceof ChunksFinishedEvent finished) {
            // the tables before the report: the last one ends the snapshot, whose final progress is still reported
            List<TableChunks> tables = List.copyOf(assigner.snapshotTables());
            assigner.chunksFinished(finished.chunks());
            reportProgress(tables);
            // a late repeat after the snapshot is acknowledged too, so the reader stops resending it
            context.sendEventToSourceReader(subtask,
                    new ChunksAckEvent(finished.chunks().stream().map(SnapshotSplit::splitId).toList()));
        } else {
            LOG.warn("ignoring unexpected source event {} from subtask {}", event, subtask);
            return;
        }
        afterChange();
        assignWaiting();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (assigner.checkpointComplete(checkpointId)) {
            assignWaiting();
        }
    }

    /** Reports the snapshot's progress and starts the timer that releases a held split without checkpoints. */
    private void afterChange() {
        reportProgress(assigner.snapshotTables());
        if (assigner.phase() == SplitAssigner.Phase.HELD && !releaseTimerStarted) {
            releaseTimerStarted = true;
            long period = Math.max(100, Math.min(1_000, config.handoverTimeout().toMillis()));
            context.callAsync(() -> null, (ignored, error) -> {
                if (assigner.releaseIfHeldTooLong()) {
                    assignWaiting();
                }
            }, period, period);
        }
    }

    private void reportProgress(Collection<TableChunks> tables) {
        for (TableChunks t : tables) {
            metrics.progress(t.table(), t.finished.count(), t.totalChunks(config.chunkSize()));
        }
    }

    /** Answers the requests that can be answered now. */
    private void assignWaiting() {
        for (Map.Entry<Integer, Integer> e : new ArrayList<>(waiting.entrySet())) {
            int subtask = e.getKey();
            int requests = e.getValue();
            if (!context.registeredReaders().containsKey(subtask)) {
                waiting.remove(subtask);
                continue;
            }
            while (requests > 0) {
                Optional<SluiceSplit> split = assigner.next();
                if (split.isEmpty()) {
                    break;
                }
                context.assignSplit(split.get(), subtask);
                LOG.debug("assigned {} to subtask {}", split.get(), subtask);
                requests--;
            }
            afterChange();
            if (requests == 0) {
                waiting.remove(subtask);
            } else {
                waiting.put(subtask, requests);
                if (assigner.noMoreSplitsEver()) {
                    context.signalNoMoreSplits(subtask);
                    waiting.remove(subtask);
                }
            }
        }
    }

    @Override
    public void addSplitsBack(List<SluiceSplit> splits, int subtask) {
        assigner.splitsBack(splits);
        // the failed reader asks again once it is back
        waiting.remove(subtask);
    }

    /**
     * A reader restored with its splits in state may never ask for more, so a bounded source that
     * has handed out everything tells it here that no other split will come.
     */
    @Override
    public void addReader(int subtask) {
        if (assigner.noMoreSplitsEver()) {
            context.signalNoMoreSplits(subtask);
        }
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        return assigner.snapshotState(checkpointId);
    }

    @Override
    public void close() {
        assigner.close();
    }
}
