package io.sluice.source.enumerator;

import io.sluice.core.table.TableFilter;
import io.sluice.event.TableId;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupMode;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SnapshotHandover;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The life of the source's splits, in plain Java: which split comes next, when the binlog split
 * may leave, and what the checkpoint holds. {@link SluiceEnumerator} only passes Flink's calls in
 * and the answers out.
 *
 * <p>The binlog split moves through the {@link Phase}s: a snapshot hands out chunks ({@code
 * SNAPSHOT}); the binlog split that follows is {@code HELD} until a checkpoint taken after the last
 * chunk finished completes (so every snapshot row has passed every operator before the first
 * binlog change follows), then {@code READY} for the next reader that asks, then {@code STREAMING}.
 * A reader may give it back to have tables that appeared later snapshotted ({@code NEW_TABLES}),
 * after which it is held and handed out again. Without a snapshot the split is {@code READY} at
 * once; a snapshot-only source ends {@code DONE}.
 */
@Internal
public final class SplitAssigner {
    private static final Logger LOG = LoggerFactory.getLogger(SplitAssigner.class);

    /** Where the binlog split is. */
    public enum Phase {
        /** A fresh source before {@link #start}: nothing is decided. */
        NEW,
        /** The snapshot's chunks are handed out; the binlog split does not exist yet. */
        SNAPSHOT,
        /** The binlog split exists and waits for a checkpoint that holds the whole snapshot. */
        HELD,
        /** The binlog split waits for the next reader that asks. */
        READY,
        /** A reader holds the binlog split. */
        STREAMING,
        /** The binlog split was given back: the chunks of tables that appeared later are handed out first. */
        NEW_TABLES,
        /** A snapshot-only source read every chunk: nothing more to hand out. */
        DONE
    }

    private final BinlogSourceConfig config;
    private final ServerPositions positions;
    private final Supplier<ChunkPlanner> plannerFactory;
    private final LongSupplier clock;
    private final boolean snapshotOnly;
    private final boolean bounded;

    private Phase phase;
    private int parallelism = 1;
    /** The binlog split while HELD or READY. */
    private BinlogSplit binlog;
    /** While NEW_TABLES: the binlog split that continues after the new tables' snapshot. */
    private BinlogSplit resume;
    /** The chunks while SNAPSHOT or NEW_TABLES. */
    private SnapshotAssigner snapshot;
    /** The resolved stop position of a bounded snapshot source. */
    private BinlogPosition stop;
    /** The patterns whose tables are read already (null: unknown, from an older state). */
    private TableFilter captured;
    /** While STREAMING after a restore: tables that match only now, snapshotted when the split comes back. */
    private List<TableId> pendingNew = List.of();
    private long heldFromCheckpoint = -1;
    private long heldSinceMillis;
    private ChunkPlanner planner;

    SplitAssigner(BinlogSourceConfig config, EnumeratorState state, ServerPositions positions,
            Supplier<ChunkPlanner> plannerFactory, LongSupplier clock) {
        this.config = config;
        this.positions = positions;
        this.plannerFactory = plannerFactory;
        this.clock = clock;
        this.snapshotOnly = config.startup().mode() == StartupMode.SNAPSHOT;
        this.bounded = snapshotOnly || config.stop().isPresent();
        this.captured = state.captured();
        if (state.snapshot() != null) {
            EnumeratorState.Snapshot s = state.snapshot();
            this.snapshot = new SnapshotAssigner(s.unplanned(), s.tables(), s.returned());
            this.stop = s.stop();
            this.resume = s.resume();
            this.phase = resume != null ? Phase.NEW_TABLES : Phase.SNAPSHOT;
        } else if (state.unassigned() != null) {
            // a held split is checkpointed as unassigned: a restore of that checkpoint holds every snapshot row
            this.binlog = state.unassigned();
            this.phase = Phase.READY;
        } else if (state.created()) {
            this.phase = snapshotOnly ? Phase.DONE : Phase.STREAMING;
        } else {
            this.phase = Phase.NEW;
        }
    }

    /** The assigner of the configured server. */
    static SplitAssigner of(BinlogSourceConfig config, EnumeratorState state) {
        return new SplitAssigner(config, state, ServerPositions.of(config), () -> new ChunkPlanner(config),
                System::currentTimeMillis);
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Decides where a fresh source starts (a snapshot, or the binlog split at its resolved
     * position); after a restore, snapshots the tables that match only now when that is on.
     */
    void start(int parallelism) {
        this.parallelism = parallelism;
        if (config.scanNewlyAddedTables()) {
            checkServerIds("scan-newly-added-tables is on: the snapshot of a table that appears later reads");
        }
        if (phase != Phase.NEW) {
            if (config.scanNewlyAddedTables()) {
                snapshotNewlyMatching();
            } else {
                // tables the patterns match now are read from the binlog only; a later run with the option on
                // snapshots only what its own patterns add
                captured = config.tables();
            }
            return;
        }
        captured = config.tables();
        if (!config.startup().snapshotsTables()) {
            binlog = positions.start();
            phase = Phase.READY;
            LOG.info("binlog source {} starts at {}", config, binlog.start());
            return;
        }
        checkServerIds("the snapshot reads");
        stop = positions.stop();
        List<TableId> tables = planner().capturedTables();
        snapshot = new SnapshotAssigner(tables, List.of(), List.of());
        phase = Phase.SNAPSHOT;
        LOG.info("snapshot of {} tables matching {} with {} readers, {} rows per chunk", tables.size(),
                config.tables(), parallelism, config.chunkSize());
    }

    private void checkServerIds(String why) {
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
        switch (phase) {
            case SNAPSHOT, NEW_TABLES -> {
                snapshot.addTables(added);
                captured = config.tables();
            }
            case READY -> {
                BinlogSplit split = binlog;
                binlog = null;
                captured = config.tables();
                if (!added.isEmpty()) {
                    startSnapshotOfNewTables(split, added);
                } else {
                    binlog = split;
                }
            }
            case STREAMING -> {
                if (added.isEmpty()) {
                    captured = config.tables();
                } else {
                    // the reader hands the split back on restore; until then the state keeps the old patterns
                    pendingNew = added;
                }
            }
            default -> captured = config.tables();
        }
    }

    /**
     * A reader gave the binlog split back: the tables it names (and those pending) are
     * snapshotted first, or, with none, the split is handed out again.
     *
     * @return false when the split was not out (a repeated event), which is then ignored
     */
    boolean binlogReturned(BinlogSplit split, List<TableId> named) {
        if (phase != Phase.STREAMING) {
            return false;
        }
        List<TableId> tables = new ArrayList<>(pendingNew);
        for (TableId t : named) {
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
        pendingNew = List.of();
        captured = config.tables();
        if (tables.isEmpty()) {
            LOG.info("the binlog split {} came back with no table to snapshot: handing it out again", split);
            binlog = split;
            phase = Phase.READY;
        } else {
            startSnapshotOfNewTables(split, tables);
        }
        return true;
    }

    private void startSnapshotOfNewTables(BinlogSplit split, List<TableId> tables) {
        resume = split;
        snapshot = new SnapshotAssigner(tables, List.of(), List.of());
        phase = Phase.NEW_TABLES;
        LOG.info("snapshot of {} tables that appeared later ({}) with {} readers; the binlog continues from {}"
                + " afterwards", tables.size(), tables, parallelism, split.start());
    }

    /** Readers report finished chunks; a late repeat after the snapshot is ignored. */
    void chunksFinished(List<SnapshotSplit> chunks) {
        if (snapshot == null) {
            return;
        }
        chunks.forEach(snapshot::finished);
        if (snapshot.isFinished()) {
            finishSnapshot();
        }
    }

    private void finishSnapshot() {
        BinlogSplit next = null;
        boolean noRowsToOrder = false;
        if (phase == Phase.NEW_TABLES) {
            next = resume.withHandover(SnapshotHandover.merge(resume.handover(), snapshot.handover(resume.start())));
            // the new tables were gone before their snapshot: no rows to keep ahead of the binlog
            noRowsToOrder = snapshot.tables().isEmpty();
            LOG.info("snapshot of the tables that appeared later finished: {}", next);
        } else {
            BinlogPosition lowest = snapshot.lowestWatermark();
            LOG.info("snapshot finished: {} tables, watermarks from {}", snapshot.tables().size(), lowest);
            if (!snapshotOnly) {
                if (lowest == null) {
                    // no table to read: the binlog from now on
                    lowest = positions.current();
                }
                next = new BinlogSplit(positions.withGtidSet(lowest), stop, Map.of(), snapshot.handover(lowest));
            }
        }
        snapshot = null;
        resume = null;
        closePlanner();
        binlog = next;
        if (next == null) {
            phase = Phase.DONE;
        } else if (noRowsToOrder) {
            phase = Phase.READY;
        } else {
            phase = Phase.HELD;
            heldFromCheckpoint = -1;
            heldSinceMillis = clock.getAsLong();
            LOG.info("binlog split after the snapshot: {}; handed out after the next checkpoint", next);
        }
    }

    /** The next split for a reader that asks; empty when none can be handed out now. */
    Optional<SluiceSplit> next() {
        if (snapshot != null) {
            if (!snapshot.isFinished()) {
                return snapshot.next(planner()).map(s -> (SluiceSplit) s);
            }
            // a restored state whose last report arrived just before the checkpoint
            finishSnapshot();
        }
        if (phase == Phase.READY) {
            BinlogSplit split = binlog;
            binlog = null;
            phase = Phase.STREAMING;
            LOG.info("assigning {}", split);
            return Optional.of(split);
        }
        return Optional.empty();
    }

    /** Splits a failed reader held: chunks are read again, the binlog split is handed out again. */
    void splitsBack(List<SluiceSplit> splits) {
        for (SluiceSplit split : splits) {
            if (split instanceof BinlogSplit b) {
                if (phase != Phase.STREAMING) {
                    throw new IllegalStateException("the binlog split " + b + " came back from a failed reader while"
                            + " the enumerator is in phase " + phase + ", where no reader holds it");
                }
                binlog = b;
                phase = Phase.READY;
            } else if (split instanceof SnapshotSplit s && snapshot != null) {
                snapshot.returned(s);
            }
        }
    }

    /** @return true when the checkpoint released the held binlog split */
    boolean checkpointComplete(long checkpointId) {
        if (phase == Phase.HELD && heldFromCheckpoint >= 0 && checkpointId >= heldFromCheckpoint) {
            LOG.info("checkpoint {} holds the whole snapshot: handing out the binlog split", checkpointId);
            phase = Phase.READY;
            return true;
        }
        return false;
    }

    /**
     * Releases the held split when no checkpoint completed within the hand-over timeout (a job
     * without checkpoints).
     *
     * @return true when it released the split
     */
    boolean releaseIfHeldTooLong() {
        if (phase == Phase.HELD && clock.getAsLong() - heldSinceMillis >= config.handoverTimeout().toMillis()) {
            LOG.warn("no checkpoint completed within {} after the snapshot; handing out the binlog split without"
                    + " one (enable checkpointing to keep snapshot rows ahead of binlog changes downstream)",
                    config.handoverTimeout());
            phase = Phase.READY;
            return true;
        }
        return false;
    }

    /** True when a bounded source has handed out everything it ever will. */
    boolean noMoreSplitsEver() {
        return bounded && (phase == Phase.STREAMING || phase == Phase.DONE);
    }

    /** The tables of the running snapshot, for its progress metrics; empty without one. */
    Collection<TableChunks> snapshotTables() {
        return snapshot == null ? List.of() : snapshot.tables();
    }

    EnumeratorState snapshotState(long checkpointId) {
        if (phase == Phase.HELD && heldFromCheckpoint < 0) {
            heldFromCheckpoint = checkpointId;
        }
        EnumeratorState.Snapshot s = snapshot == null ? null : new EnumeratorState.Snapshot(
                stop, List.copyOf(snapshot.unplanned()), List.copyOf(snapshot.tables()),
                List.copyOf(snapshot.returnedSplits()), resume);
        boolean created = phase != Phase.NEW && phase != Phase.SNAPSHOT;
        // a restore from this checkpoint restores every snapshot row downstream: no need to hold the split
        return new EnumeratorState(binlog, created, s, captured);
    }

    private ChunkPlanner planner() {
        if (planner == null) {
            planner = plannerFactory.get();
        }
        return planner;
    }

    private void closePlanner() {
        if (planner != null) {
            planner.close();
            planner = null;
        }
    }

    void close() {
        closePlanner();
    }
}
