package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.events.ChunksAckEvent;
import io.sluice.source.events.ChunksFinishedEvent;
import io.sluice.source.metrics.SnapshotMetrics;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupMode;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hands out the source's splits: the snapshot's chunks first (to every reader that asks, each
 * reader keeping up to two), then the single binlog split, which starts at the smallest high
 * watermark of the snapshot and carries the watermarks until it passes the largest. Without a
 * snapshot the binlog split is created at once. The chunk cutting and bookkeeping live in {@link
 * SnapshotAssigner}; this class only talks to Flink.
 *
 * <p>The binlog split is handed out only once a checkpoint taken after the last chunk finished
 * has completed. Chunks are read on every reader and the binlog on one, so a row's snapshot and
 * its first binlog change leave through different channels; the completed checkpoint's barriers
 * have pushed every snapshot row through every operator before the first binlog change follows,
 * which keeps each row's changes in order downstream. Without checkpoints the split is handed
 * out after {@link BinlogSourceConfig#handoverTimeout()}.
 */
@Internal
public final class SluiceEnumerator implements SplitEnumerator<SluiceSplit, EnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceEnumerator.class);

    private final SplitEnumeratorContext<SluiceSplit> context;
    private final BinlogSourceConfig config;
    private final boolean bounded;
    private final boolean snapshotOnly;
    /** Requests per reader not answered yet. */
    private final Map<Integer, Integer> waiting = new TreeMap<>();
    private BinlogSplit unassigned;
    /** The binlog split after the snapshot, until a checkpoint that holds the whole snapshot completed. */
    private BinlogSplit held;
    private long heldFromCheckpoint = -1;
    private long heldSinceMillis;
    private boolean created;
    private SnapshotAssigner snapshot;
    private BinlogPosition stop;
    private ChunkPlanner planner;
    private SnapshotMetrics metrics;

    public SluiceEnumerator(
            SplitEnumeratorContext<SluiceSplit> context, BinlogSourceConfig config, EnumeratorState state) {
        this.context = context;
        this.config = config;
        this.snapshotOnly = config.startup().mode() == StartupMode.SNAPSHOT;
        this.bounded = snapshotOnly || config.stop().isPresent();
        this.unassigned = state.unassigned();
        this.created = state.created();
        if (state.snapshot() != null) {
            EnumeratorState.Snapshot s = state.snapshot();
            this.snapshot = new SnapshotAssigner(s.unplanned(), s.tables(), s.returned());
            this.stop = s.stop();
        }
    }

    @Override
    public void start() {
        metrics = SnapshotMetrics.enumerator(context.metricGroup());
        if (created || snapshot != null) {
            reportProgress();
            return;
        }
        if (!config.startup().snapshotsTables()) {
            unassigned = StartPositionResolver.resolve(config);
            created = true;
            LOG.info("binlog source {} starts at {}", config, unassigned.start());
            return;
        }
        int parallelism = context.currentParallelism();
        if (parallelism > config.serverIdCount()) {
            throw new SluiceSourceException(
                    "the snapshot reads with " + parallelism + " readers, and each reads the binlog between its"
                            + " chunks' watermarks with a server id of its own, but source.server-id gives "
                            + config.serverIdCount() + ": set it to a range of at least " + parallelism + " ids, e.g. "
                            + config.serverId() + "-" + (config.serverId() + parallelism - 1)
                            + ", each unique among the server's replicas and CDC clients");
        }
        stop = StartPositionResolver.checkAndResolveStop(config);
        List<TableId> tables = planner().capturedTables();
        snapshot = new SnapshotAssigner(tables, List.of(), List.of());
        LOG.info("snapshot of {} tables matching {} with {} readers, {} rows per chunk", tables.size(),
                config.tables(), parallelism, config.chunkSize());
        reportProgress();
    }

    private void reportProgress() {
        if (snapshot != null) {
            for (TableChunks t : snapshot.tables()) {
                metrics.progress(t.table(), t.finished.count(), t.totalChunks(config.chunkSize()));
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        waiting.merge(subtask, 1, Integer::sum);
        assignWaiting();
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
        if (!(event instanceof ChunksFinishedEvent finished)) {
            LOG.warn("ignoring unexpected source event {} from subtask {}", event, subtask);
            return;
        }
        List<String> ids = new ArrayList<>(finished.chunks().size());
        if (snapshot != null) {
            for (SnapshotSplit chunk : finished.chunks()) {
                snapshot.finished(chunk);
                ids.add(chunk.splitId());
            }
            reportProgress();
        } else {
            // the snapshot is over: a late repeat of an old report
            finished.chunks().forEach(c -> ids.add(c.splitId()));
        }
        context.sendEventToSourceReader(subtask, new ChunksAckEvent(ids));
        if (snapshot != null && snapshot.isFinished()) {
            finishSnapshot();
        }
        assignWaiting();
    }

    private void finishSnapshot() {
        BinlogPosition lowest = snapshot.lowestWatermark();
        LOG.info("snapshot finished: {} tables, watermarks from {}", snapshot.tables().size(), lowest);
        if (!snapshotOnly) {
            if (lowest == null) {
                // no table to read: the binlog from now on
                lowest = StartPositionResolver.currentPosition(config);
            }
            held = new BinlogSplit(StartPositionResolver.withGtidSet(config, lowest), stop, Map.of(),
                    snapshot.handover());
            heldSinceMillis = System.currentTimeMillis();
            LOG.info("binlog split after the snapshot: {}; handed out after the next checkpoint", held);
            long period = Math.max(100, Math.min(1_000, config.handoverTimeout().toMillis()));
            context.callAsync(() -> null, (ignored, error) -> releaseAfterTimeout(), period, period);
        }
        reportProgress();
        created = true;
        snapshot = null;
        closePlanner();
    }

    private void releaseAfterTimeout() {
        if (held != null && System.currentTimeMillis() - heldSinceMillis >= config.handoverTimeout().toMillis()) {
            LOG.warn("no checkpoint completed within {} after the snapshot; handing out the binlog split without"
                    + " one (enable checkpointing to keep snapshot rows ahead of binlog changes downstream)",
                    config.handoverTimeout());
            release();
        }
    }

    private void release() {
        unassigned = held;
        held = null;
        assignWaiting();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (held != null && heldFromCheckpoint >= 0 && checkpointId >= heldFromCheckpoint) {
            LOG.info("checkpoint {} holds the whole snapshot: handing out the binlog split", checkpointId);
            release();
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
                Optional<SluiceSplit> split = nextSplit();
                if (split.isEmpty()) {
                    break;
                }
                context.assignSplit(split.get(), subtask);
                LOG.debug("assigned {} to subtask {}", split.get(), subtask);
                requests--;
            }
            if (requests == 0) {
                waiting.remove(subtask);
            } else {
                waiting.put(subtask, requests);
                if (noMoreSplitsEver()) {
                    context.signalNoMoreSplits(subtask);
                    waiting.remove(subtask);
                }
            }
        }
    }

    private Optional<SluiceSplit> nextSplit() {
        if (snapshot != null) {
            if (snapshot.isFinished()) {
                // a restored state whose last report arrived just before the checkpoint
                finishSnapshot();
            } else {
                Optional<SluiceSplit> next = snapshot.next(planner()).map(s -> (SluiceSplit) s);
                reportProgress();
                return next;
            }
        }
        if (unassigned != null) {
            BinlogSplit split = unassigned;
            unassigned = null;
            LOG.info("assigning {}", split);
            return Optional.of(split);
        }
        return Optional.empty();
    }

    /** True when a bounded source has handed out everything it ever will. */
    private boolean noMoreSplitsEver() {
        return bounded && created && snapshot == null && unassigned == null && held == null;
    }

    @Override
    public void addSplitsBack(List<SluiceSplit> splits, int subtask) {
        for (SluiceSplit split : splits) {
            if (split instanceof BinlogSplit b) {
                unassigned = b;
            } else if (split instanceof SnapshotSplit s && snapshot != null) {
                snapshot.returned(s);
            }
        }
        // the failed reader asks again once it is back
        waiting.remove(subtask);
    }

    /**
     * A reader restored with its splits in state may never ask for more, so a bounded source that
     * has handed out everything tells it here that no other split will come.
     */
    @Override
    public void addReader(int subtask) {
        if (noMoreSplitsEver()) {
            context.signalNoMoreSplits(subtask);
        }
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        if (held != null && heldFromCheckpoint < 0) {
            heldFromCheckpoint = checkpointId;
        }
        EnumeratorState.Snapshot s = snapshot == null ? null : new EnumeratorState.Snapshot(
                stop, List.copyOf(snapshot.unplanned()), List.copyOf(snapshot.tables()),
                List.copyOf(snapshot.returnedSplits()));
        // a restore from this checkpoint restores every snapshot row downstream: no need to hold the split
        return new EnumeratorState(held != null ? held : unassigned, created, s);
    }

    private ChunkPlanner planner() {
        if (planner == null) {
            planner = new ChunkPlanner(config);
        }
        return planner;
    }

    private void closePlanner() {
        if (planner != null) {
            planner.close();
            planner = null;
        }
    }

    @Override
    public void close() {
        closePlanner();
    }
}
