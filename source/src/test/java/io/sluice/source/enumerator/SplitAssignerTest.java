package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.enumerator.SplitAssigner.Phase;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SnapshotSplit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SplitAssigner} without Flink or a server: the binlog split's phases from a fresh start,
 * through the snapshot, the hold until a checkpoint, the hand-out, the snapshot of tables that
 * appear later, failures and restores.
 */
class SplitAssignerTest {
    private static final TableId ORDERS = FakeChunkPlanner.ORDERS.id();
    private static final TableId USERS = new TableId("shop", "users");

    /** Positions on a pretend server whose binlog ends at binlog.000002:4. */
    static final class FakePositions implements ServerPositions {
        final List<String> calls = new ArrayList<>();

        @Override
        public BinlogSplit start() {
            calls.add("start");
            return new BinlogSplit(BinlogPosition.at("binlog.000001", 120), null, Map.of());
        }

        @Override
        public BinlogPosition stop() {
            calls.add("stop");
            return null;
        }

        @Override
        public BinlogPosition current() {
            calls.add("current");
            return BinlogPosition.at("binlog.000002", 4);
        }

        @Override
        public BinlogPosition withGtidSet(BinlogPosition position) {
            calls.add("gtid " + position);
            return BinlogPosition.at(position.file(), position.position(), "0-1-7");
        }
    }

    private final FakePositions positions = new FakePositions();
    private final List<FakeChunkPlanner> planners = new ArrayList<>();
    private long now = 1_000;

    private static BinlogSourceConfig.Builder config(StartupOptions startup) {
        return BinlogSourceConfig.builder().username("u").serverIdRange(1, 4).tables("shop\\..*", null)
                .startup(startup).handoverTimeout(Duration.ofSeconds(30));
    }

    private SplitAssigner assigner(BinlogSourceConfig config, EnumeratorState state, TableId... onServer) {
        return new SplitAssigner(config, state, positions, () -> {
            FakeChunkPlanner p = new FakeChunkPlanner();
            p.captured.addAll(List.of(onServer));
            planners.add(p);
            return p;
        }, () -> now);
    }

    private static List<SnapshotSplit> allChunks(SplitAssigner a) {
        List<SnapshotSplit> chunks = new ArrayList<>();
        for (Optional<SluiceSplit> s = a.next(); s.isPresent() && s.get() instanceof SnapshotSplit c; s = a.next()) {
            chunks.add(c);
        }
        return chunks;
    }

    private static void finishAll(SplitAssigner a, List<SnapshotSplit> chunks, long... watermarks) {
        for (int i = 0; i < chunks.size(); i++) {
            a.chunksFinished(List.of(chunks.get(i).finished(BinlogPosition.at("binlog.000001", watermarks[i]))));
        }
    }

    @Test
    void withoutASnapshotTheBinlogSplitIsReadyAtOnceAndHandedOutOnce() {
        SplitAssigner a = assigner(config(StartupOptions.latest()).build(), EnumeratorState.initial());
        assertThat(a.phase()).isEqualTo(Phase.NEW);

        a.start(1);

        assertThat(a.phase()).isEqualTo(Phase.READY);
        assertThat(positions.calls).containsExactly("start");
        assertThat(a.next()).get().extracting(SluiceSplit::splitId).isEqualTo(BinlogSplit.ID);
        assertThat(a.phase()).isEqualTo(Phase.STREAMING);
        assertThat(a.next()).isEmpty();
        assertThat(a.noMoreSplitsEver()).as("unbounded").isFalse();
        EnumeratorState state = a.snapshotState(1);
        assertThat(state.unassigned()).isNull();
        assertThat(state.created()).isTrue();
        assertThat(state.snapshot()).isNull();
    }

    @Test
    void aBoundedBinlogSourceHasNothingMoreOnceTheSplitIsOut() {
        SplitAssigner a = assigner(config(StartupOptions.latest()).stopAt(StopOptions.atLatest()).build(),
                EnumeratorState.initial());
        a.start(1);
        assertThat(a.noMoreSplitsEver()).isFalse();
        a.next();
        assertThat(a.noMoreSplitsEver()).isTrue();
    }

    @Test
    void theSnapshotHandsOutChunksThenHoldsTheBinlogSplitUntilACheckpointTakenAfterwardsCompletes() {
        SplitAssigner a = assigner(config(StartupOptions.initial()).build(), EnumeratorState.initial(), ORDERS);
        a.start(2);
        assertThat(a.phase()).isEqualTo(Phase.SNAPSHOT);
        assertThat(positions.calls).containsExactly("stop");

        List<SnapshotSplit> chunks = allChunks(a);
        assertThat(chunks).hasSize(4);
        assertThat(a.next()).isEmpty();
        // a checkpoint taken while chunks are still being read does not release anything
        assertThat(a.snapshotState(1).created()).isFalse();
        finishAll(a, chunks, 500, 300, 300, 900);

        assertThat(a.phase()).isEqualTo(Phase.HELD);
        assertThat(planners.get(0).closed).isTrue();
        assertThat(a.next()).isEmpty();
        assertThat(a.checkpointComplete(1)).isFalse();
        EnumeratorState held = a.snapshotState(2);
        assertThat(held.unassigned()).as("a held split is checkpointed as waiting").isNotNull();
        assertThat(a.checkpointComplete(1)).isFalse();
        assertThat(a.phase()).isEqualTo(Phase.HELD);

        assertThat(a.checkpointComplete(2)).isTrue();
        assertThat(a.phase()).isEqualTo(Phase.READY);
        BinlogSplit split = (BinlogSplit) a.next().orElseThrow();
        assertThat(split.start()).isEqualTo(BinlogPosition.at("binlog.000001", 300, "0-1-7"));
        assertThat(split.handover().end()).isEqualTo(BinlogPosition.at("binlog.000001", 900));
        assertThat(a.phase()).isEqualTo(Phase.STREAMING);
    }

    @Test
    void withoutCheckpointsTheHeldSplitLeavesAfterTheHandoverTimeout() {
        SplitAssigner a = assigner(config(StartupOptions.initial()).build(), EnumeratorState.initial(), ORDERS);
        a.start(1);
        finishAll(a, allChunks(a), 100, 100, 100, 100);
        assertThat(a.phase()).isEqualTo(Phase.HELD);

        now += 29_999;
        assertThat(a.releaseIfHeldTooLong()).isFalse();
        now += 1;
        assertThat(a.releaseIfHeldTooLong()).isTrue();
        assertThat(a.phase()).isEqualTo(Phase.READY);
        assertThat(a.releaseIfHeldTooLong()).isFalse();
    }

    @Test
    void aSnapshotOfNoTableStartsTheBinlogAtTheServersCurrentEnd() {
        SplitAssigner a = assigner(config(StartupOptions.initial()).build(), EnumeratorState.initial());
        a.start(1);
        assertThat(a.next()).isEmpty();
        assertThat(a.phase()).isEqualTo(Phase.HELD);
        assertThat(positions.calls).containsExactly("stop", "current", "gtid binlog.000002:4");
    }

    @Test
    void aSnapshotOnlySourceEndsDoneWithoutABinlogSplit() {
        SplitAssigner a = assigner(config(StartupOptions.snapshot()).build(), EnumeratorState.initial(), ORDERS);
        a.start(1);
        assertThat(a.noMoreSplitsEver()).isFalse();
        finishAll(a, allChunks(a), 10, 20, 30, 40);

        assertThat(a.phase()).isEqualTo(Phase.DONE);
        assertThat(a.next()).isEmpty();
        assertThat(a.noMoreSplitsEver()).isTrue();
        EnumeratorState state = a.snapshotState(3);
        assertThat(state.created()).isTrue();
        assertThat(assigner(config(StartupOptions.snapshot()).build(), state).phase()).isEqualTo(Phase.DONE);
    }

    @Test
    void restoresEachPhaseFromItsCheckpoint() {
        BinlogSourceConfig config = config(StartupOptions.initial()).build();
        SplitAssigner a = assigner(config, EnumeratorState.initial(), ORDERS, USERS);
        a.start(1);
        List<SnapshotSplit> first = List.of((SnapshotSplit) a.next().orElseThrow());
        a.chunksFinished(List.of(first.get(0).finished(BinlogPosition.at("binlog.000001", 50))));

        SplitAssigner mid = assigner(config, a.snapshotState(1));
        assertThat(mid.phase()).isEqualTo(Phase.SNAPSHOT);
        mid.start(1);
        List<SnapshotSplit> rest = allChunks(mid);
        assertThat(rest).extracting(c -> c.table().table() + "#" + c.index())
                .containsExactly("orders#1", "orders#2", "orders#3", "users#0", "users#1", "users#2", "users#3");
        finishAll(mid, rest, 60, 60, 60, 60, 60, 60, 60);
        assertThat(mid.phase()).isEqualTo(Phase.HELD);

        SplitAssigner held = assigner(config, mid.snapshotState(2));
        assertThat(held.phase()).as("the checkpoint holds every snapshot row").isEqualTo(Phase.READY);
        held.start(1);
        held.next();

        SplitAssigner streaming = assigner(config, held.snapshotState(3));
        assertThat(streaming.phase()).isEqualTo(Phase.STREAMING);
        streaming.start(1);
        assertThat(streaming.next()).isEmpty();
        assertThat(positions.calls).as("a restore never resolves the start again").doesNotContain("start");
    }

    @Test
    void aReturnedBinlogSplitWaitsForTheSnapshotOfTheTablesItNamesThenIsHeldAgain() {
        SplitAssigner a = assigner(config(StartupOptions.latest()).scanNewlyAddedTables(true).build(),
                EnumeratorState.initial());
        a.start(1);
        BinlogSplit out = (BinlogSplit) a.next().orElseThrow();
        BinlogSplit stopped = new BinlogSplit(BinlogPosition.at("binlog.000001", 700), null, Map.of());

        assertThat(a.binlogReturned(stopped, List.of(ORDERS))).isTrue();
        assertThat(a.phase()).isEqualTo(Phase.NEW_TABLES);
        assertThat(a.binlogReturned(stopped, List.of(ORDERS))).as("a repeat").isFalse();
        finishAll(a, allChunks(a), 800, 800, 800, 900);

        assertThat(a.phase()).isEqualTo(Phase.HELD);
        a.snapshotState(4);
        a.checkpointComplete(4);
        BinlogSplit resumed = (BinlogSplit) a.next().orElseThrow();
        assertThat(resumed.start()).isEqualTo(stopped.start());
        assertThat(resumed.handover().end()).isEqualTo(BinlogPosition.at("binlog.000001", 900));
        assertThat(out.start()).isEqualTo(BinlogPosition.at("binlog.000001", 120));
    }

    @Test
    void aReturnedSplitWithNothingToSnapshotIsReadyAgain() {
        SplitAssigner a = assigner(config(StartupOptions.latest()).scanNewlyAddedTables(true).build(),
                EnumeratorState.initial());
        a.start(1);
        BinlogSplit out = (BinlogSplit) a.next().orElseThrow();

        assertThat(a.binlogReturned(out, List.of())).isTrue();
        assertThat(a.phase()).isEqualTo(Phase.READY);
        assertThat(a.next()).contains(out);
    }

    @Test
    void aRestoreWithWiderPatternsSnapshotsTheNewTablesWhenTheReaderGivesTheSplitBack() {
        SplitAssigner before = assigner(config(StartupOptions.latest()).build(), EnumeratorState.initial());
        before.start(1);
        BinlogSplit out = (BinlogSplit) before.next().orElseThrow();
        EnumeratorState state = before.snapshotState(1);

        BinlogSourceConfig wider = config(StartupOptions.latest()).tables("shop\\..*, crm\\..*", null)
                .scanNewlyAddedTables(true).build();
        TableId customers = new TableId("crm", "customers");
        SplitAssigner after = assigner(wider, state, ORDERS, customers);
        after.start(1);
        assertThat(after.phase()).isEqualTo(Phase.STREAMING);
        assertThat(after.snapshotState(2).captured()).as("kept until the new tables are read")
                .isEqualTo(state.captured());

        assertThat(after.binlogReturned(out, List.of())).isTrue();
        assertThat(after.phase()).isEqualTo(Phase.NEW_TABLES);
        assertThat(allChunks(after)).extracting(SnapshotSplit::table).containsOnly(customers);
        assertThat(after.snapshotState(3).captured()).isEqualTo(wider.tables());
    }

    @Test
    void chunksOfAFailedReaderAreReadAgainFirstAndTheBinlogSplitIsHandedOutAgain() {
        SplitAssigner a = assigner(config(StartupOptions.initial()).build(), EnumeratorState.initial(), ORDERS);
        a.start(1);
        SnapshotSplit first = (SnapshotSplit) a.next().orElseThrow();
        a.splitsBack(List.of(first));
        assertThat(a.next()).contains(first);

        SplitAssigner streaming = assigner(config(StartupOptions.latest()).build(), EnumeratorState.initial());
        streaming.start(1);
        SluiceSplit binlog = streaming.next().orElseThrow();
        streaming.splitsBack(List.of(binlog));
        assertThat(streaming.phase()).isEqualTo(Phase.READY);
        assertThat(streaming.next()).contains(binlog);
    }

    @Test
    void aBinlogSplitBackInAPhaseWhereNoReaderHoldsItIsAnError() {
        SplitAssigner a = assigner(config(StartupOptions.initial()).build(), EnumeratorState.initial(), ORDERS);
        a.start(1);
        BinlogSplit stray = new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, Map.of());
        assertThatThrownBy(() -> a.splitsBack(List.of(stray)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in phase SNAPSHOT, where no reader holds it");
    }

    @Test
    void aSnapshotNeedsOneServerIdPerReader() {
        SplitAssigner a = assigner(config(StartupOptions.initial()).serverIdRange(5400, 5401).build(),
                EnumeratorState.initial(), ORDERS);
        assertThatThrownBy(() -> a.start(3))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("with 3 readers")
                .hasMessageContaining("set it to a range of at least 3 ids, e.g. 5400-5402");
    }
}
