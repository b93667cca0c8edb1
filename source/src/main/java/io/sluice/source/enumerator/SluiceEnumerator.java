package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.server.StartPositionResolver;
import io.sluice.core.table.TableFilter;
import io.sluice.source.events.BinlogSplitReturnedEvent;
import io.sluice.source.events.ChunksAckEvent;
import io.sluice.source.events.ChunksFinishedEvent;
import io.sluice.source.metrics.SnapshotMetrics;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupMode;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SnapshotHandover;
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
    /** While tables that appeared later are snapshotted: the binlog split that continues afterwards. */
    private BinlogSplit resume;
    /** The patterns whose tables are read already (null: unknown, from an older state). */
    private TableFilter captured;
    /** Tables that newly match after a restore, to snapshot once the binlog split comes back. */
    private List<TableId> pendingNew = List.of();
    private boolean releaseTimerStarted;

    public SluiceEnumerator(
            SplitEnumeratorContext<SluiceSplit> context, BinlogSourceConfig config, EnumeratorState state) {
        this.context = context;
        this.config = config;
        this.snapshotOnly = config.startup().mode() == StartupMode.SNAPSHOT;
        this.bounded = snapshotOnly || config.stop().isPresent();
        this.unassigned = state.unassigned();
        this.created = state.created();
        this.captured = state.captured();
        if (state.snapshot() != null) {
            EnumeratorState.Snapshot s = state.snapshot();
            this.snapshot = new SnapshotAssigner(s.unplanned(), s.tables(), s.returned());
            this.stop = s.stop();
            this.resume = s.resume();
        }
    }

    @Override
    public void start() {
        metrics = SnapshotMetrics.enumerator(context.metricGroup());
        if (config.scanNewlyAddedTables()) {
            checkServerIds("scan-newly-added-tables is on: the snapshot of a table that appears later reads");
        }
        if (created || snapshot != null) {
            if (config.scanNewlyAddedTables()) {
                snapshotNewlyMatching();
            } else {
                // tables the patterns match now are read from the binlog only; a later run with the option on
                // snapshots only what its own patterns add
                captured = config.tables();
            }
            reportProgress();
            return;
        }
        captured = config.tables();
        if (!config.startup().snapshotsTables()) {
            unassigned = StartPositionResolver.resolve(config);
            created = true;
            LOG.info("binlog source {} starts at {}", config, unassigned.start());
            return;
        }
        checkServerIds("the snapshot reads");
        stop = StartPositionResolver.checkAndResolveStop(config);
        List<TableId> tables = planner().capturedTables();
        snapshot = new SnapshotAssigner(tables, List.of(), List.of());
        LOG.info("snapshot of {} tables matching {} with {} readers, {} rows per chunk", tables.size(),
                config.tables(), context.currentParallelism(), config.chunkSize());
        reportProgress();
    }

    private void checkServerIds(String why) {
        int parallelism = context.currentParallelism();
        if (parallelism > config.serverIdCount()) {
            throw new SluiceSourceException(
                    why + " with " + parallelism + " readers, and each reads the binlog between its"
                            + " chunks' watermarks with a server id of its own, but source.server-id gives "
                            + config.serverIdCount() + ": set it to a range of at least " + parallelism + " ids, e.g. "
                            + config.serverId() + "-" + (config.serverId() + parallelism - 1)
                            + ", each unique among the server's replicas and CDC clients");
        }
    }

    /**
     * After a restore: the tables the patterns match now but did not match in the run that wrote
     * the state are snapshotted, while the binlog split waits where it is.
     */
    private void snapshotNewlyMatching() {
        if (captured == null) {
            LOG.info("the restored state does not record which table patterns were read (written by an older"
                    + " Sluice): tables that newly match {} are only read from the binlog", config.tables());
            captured = config.tables();
            return;
        }
        if (captured.equals(config.tables())) {
            return;
        }
        List<TableId> added = new ArrayList<>();
        for (TableId t : planner().capturedTables()) {
            if (!captured.accepts(t)) {
                added.add(t);
            }
        }
        LOG.info("restored with {} (was {}): {} tables match only now: {}", config.tables(), captured,
                added.size(), added);
        if (added.isEmpty()) {
            captured = config.tables();
        } else if (snapshot != null) {
            snapshot.addTables(added);
            captured = config.tables();
        } else if (held != null || unassigned != null) {
            BinlogSplit split = held != null ? held : unassigned;
            held = null;
            unassigned = null;
            startSnapshotOfNewTables(split, added);
            captured = config.tables();
        } else {
            // a reader holds the split and hands it back on restore; until then the state keeps the old patterns
            pendingNew = added;
        }
    }

    /** A reader gave the binlog split back: snapshot the tables it names (and those pending), or hand it out again. */
    private void binlogReturned(int subtask, BinlogSplitReturnedEvent event) {
        context.sendEventToSourceReader(subtask, new ChunksAckEvent(List.of(BinlogSplit.ID)));
        if (unassigned != null || held != null || resume != null) {
            LOG.warn("subtask {} returned the binlog split while the enumerator has it already; ignoring the repeat",
                    subtask);
            return;
        }
        BinlogSplit split = event.split();
        List<TableId> tables = new ArrayList<>(pendingNew);
        for (TableId t : event.tables()) {
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
        pendingNew = List.of();
        captured = config.tables();
        if (tables.isEmpty()) {
            LOG.info("subtask {} returned {}: no table to snapshot, handing it out again", subtask, split);
            unassigned = split;
        } else {
            startSnapshotOfNewTables(split, tables);
        }
        assignWaiting();
    }

    private void startSnapshotOfNewTables(BinlogSplit split, List<TableId> tables) {
        resume = split;
        snapshot = new SnapshotAssigner(tables, List.of(), List.of());
        LOG.info("snapshot of {} tables that appeared later ({}) with {} readers; the binlog continues from {}"
                + " afterwards", tables.size(), tables, context.currentParallelism(), split.start());
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
        if (event instanceof BinlogSplitReturnedEvent returned) {
            binlogReturned(subtask, returned);
            return;
        }
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
        reportProgress();
        BinlogSplit next = null;
        if (resume != null) {
            next = new BinlogSplit(resume.start(), resume.stop(), resume.schemas(),
                    SnapshotHandover.merge(resume.handover(), snapshot.handover(resume.start())));
            LOG.info("snapshot of the tables that appeared later finished: {}", next);
        } else {
            BinlogPosition lowest = snapshot.lowestWatermark();
            LOG.info("snapshot finished: {} tables, watermarks from {}", snapshot.tables().size(), lowest);
            if (!snapshotOnly) {
                if (lowest == null) {
                    // no table to read: the binlog from now on
                    lowest = StartPositionResolver.currentPosition(config);
                }
                next = new BinlogSplit(StartPositionResolver.withGtidSet(config, lowest), stop, Map.of(),
                        snapshot.handover(lowest));
            }
        }
        boolean noRowsToOrder = resume != null && snapshot.tables().isEmpty();
        created = true;
        snapshot = null;
        resume = null;
        closePlanner();
        if (next == null) {
            return;
        }
        if (noRowsToOrder) {
            // the new tables were gone before their snapshot: nothing to wait for
            unassigned = next;
            return;
        }
        held = next;
        heldFromCheckpoint = -1;
        heldSinceMillis = System.currentTimeMillis();
        LOG.info("binlog split after the snapshot: {}; handed out after the next checkpoint", held);
        if (!releaseTimerStarted) {
            releaseTimerStarted = true;
            long period = Math.max(100, Math.min(1_000, config.handoverTimeout().toMillis()));
            context.callAsync(() -> null, (ignored, error) -> releaseAfterTimeout(), period, period);
        }
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
                List.copyOf(snapshot.returnedSplits()), resume);
        // a restore from this checkpoint restores every snapshot row downstream: no need to hold the split
        return new EnumeratorState(held != null ? held : unassigned, created, s, captured);
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
