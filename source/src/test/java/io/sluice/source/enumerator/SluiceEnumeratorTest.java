package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.events.BinlogSplitReturnedEvent;
import io.sluice.source.events.ChunksAckEvent;
import io.sluice.source.events.ChunksFinishedEvent;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SluiceEnumerator} on Flink's {@link MockSplitEnumeratorContext}: requests are answered as
 * splits become available, reports are acknowledged, the held binlog split goes to the reader
 * still waiting once a checkpoint completes (or the hand-over timer fires), and a bounded source
 * tells its readers when nothing more will come.
 */
class SluiceEnumeratorTest {
    private static final TableId ORDERS = FakeChunkPlanner.ORDERS.id();

    private final MockSplitEnumeratorContext<SluiceSplit> context = new MockSplitEnumeratorContext<>(2);
    private final SplitAssignerTest.FakePositions positions = new SplitAssignerTest.FakePositions();
    private long now;

    @AfterEach
    void closeContext() throws Exception {
        context.close();
    }

    private SluiceEnumerator enumerator(StartupOptions startup) {
        BinlogSourceConfig config = BinlogSourceConfig.builder().username("u").serverIdRange(1, 2)
                .tables("shop\\..*", null).startup(startup).handoverTimeout(Duration.ofSeconds(5)).build();
        SplitAssigner assigner = new SplitAssigner(config, EnumeratorState.initial(), positions, () -> {
            FakeChunkPlanner p = new FakeChunkPlanner();
            p.captured.add(ORDERS);
            return p;
        }, () -> now);
        context.registerReader(new ReaderInfo(0, "localhost"));
        context.registerReader(new ReaderInfo(1, "localhost"));
        SluiceEnumerator e = new SluiceEnumerator(context, config, assigner);
        e.start();
        return e;
    }

    private List<SluiceSplit> assignedTo(int subtask) {
        List<SluiceSplit> splits = new ArrayList<>();
        for (SplitsAssignment<SluiceSplit> a : context.getSplitsAssignmentSequence()) {
            splits.addAll(a.assignment().getOrDefault(subtask, List.of()));
        }
        return splits;
    }

    private List<SourceEvent> sentTo(int subtask) throws Exception {
        return context.getSentSourceEvent().getOrDefault(subtask, List.of());
    }

    /** Both readers ask until the chunks run out; returns what each got, reader 0's first. */
    private List<SnapshotSplit> readAllChunks(SluiceEnumerator e) {
        for (int i = 0; i < 3; i++) {
            e.handleSplitRequest(0, "localhost");
            e.handleSplitRequest(1, "localhost");
        }
        List<SnapshotSplit> chunks = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            assignedTo(subtask).forEach(s -> chunks.add((SnapshotSplit) s));
        }
        return chunks;
    }

    @Test
    void theHeldBinlogSplitGoesToAWaitingReaderOnceACheckpointAfterTheSnapshotCompletes() throws Exception {
        SluiceEnumerator e = enumerator(StartupOptions.initial());
        List<SnapshotSplit> chunks = readAllChunks(e);
        assertThat(chunks).hasSize(4);

        for (SnapshotSplit chunk : chunks) {
            int subtask = assignedTo(0).contains(chunk) ? 0 : 1;
            e.handleSourceEvent(subtask, new ChunksFinishedEvent(
                    List.of(chunk.finished(BinlogPosition.at("binlog.000001", 100 + chunk.index())))));
        }
        assertThat(sentTo(0)).allMatch(ev -> ev instanceof ChunksAckEvent);
        assertThat(sentTo(0).size() + sentTo(1).size()).isEqualTo(4);
        int before = context.getSplitsAssignmentSequence().size();
        e.notifyCheckpointComplete(7);
        assertThat(context.getSplitsAssignmentSequence()).as("no checkpoint was taken after the snapshot")
                .hasSize(before);

        e.snapshotState(8);
        e.notifyCheckpointComplete(8);

        List<SluiceSplit> binlog = new ArrayList<>(assignedTo(0));
        binlog.addAll(assignedTo(1));
        assertThat(binlog).filteredOn(s -> s instanceof BinlogSplit).hasSize(1)
                .first().extracting(s -> ((BinlogSplit) s).start())
                .isEqualTo(BinlogPosition.at("binlog.000001", 100, "0-1-7"));
        assertThat(context.hasNoMoreSplits(0)).isFalse();
    }

    @Test
    void withoutCheckpointsTheTimerReleasesTheHeldSplit() throws Throwable {
        SluiceEnumerator e = enumerator(StartupOptions.initial());
        for (SnapshotSplit chunk : readAllChunks(e)) {
            e.handleSourceEvent(0, new ChunksFinishedEvent(List.of(chunk.finished(BinlogPosition.at("binlog.000001", 4)))));
        }
        assertThat(context.getPeriodicCallables()).hasSize(1);
        int before = context.getSplitsAssignmentSequence().size();

        context.runPeriodicCallable(0);
        assertThat(context.getSplitsAssignmentSequence()).hasSize(before);
        now += 5_000;
        context.runPeriodicCallable(0);

        assertThat(context.getSplitsAssignmentSequence()).hasSize(before + 1);
        assertThat(context.getSplitsAssignmentSequence().get(before).assignment().values())
                .flatMap(l -> l).singleElement().isInstanceOf(BinlogSplit.class);
    }

    @Test
    void aSnapshotOnlySourceSignalsNoMoreSplitsToEveryReaderThatAsksAgain() throws Exception {
        SluiceEnumerator e = enumerator(StartupOptions.snapshot());
        for (SnapshotSplit chunk : readAllChunks(e)) {
            e.handleSourceEvent(1, new ChunksFinishedEvent(List.of(chunk.finished(BinlogPosition.at("binlog.000001", 9)))));
        }
        e.handleSplitRequest(0, "localhost");
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        e.addReader(1);
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void aReturnedBinlogSplitIsAcknowledgedAndARepeatIsIgnored() throws Exception {
        SluiceEnumerator e = enumerator(StartupOptions.latest());
        e.handleSplitRequest(1, "localhost");
        BinlogSplit out = (BinlogSplit) assignedTo(1).get(0);

        e.handleSourceEvent(1, new BinlogSplitReturnedEvent(out, List.of()));
        e.handleSourceEvent(1, new BinlogSplitReturnedEvent(out, List.of()));
        assertThat(sentTo(1)).containsExactly(new ChunksAckEvent(List.of(BinlogSplit.ID)),
                new ChunksAckEvent(List.of(BinlogSplit.ID)));

        e.handleSplitRequest(0, "localhost");
        assertThat(assignedTo(0)).containsExactly(out);
        assertThat(e.snapshotState(2).unassigned()).isNull();
    }

    @Test
    void aFailedReadersBinlogSplitGoesToTheNextReaderThatAsks() {
        SluiceEnumerator e = enumerator(StartupOptions.latest());
        e.handleSplitRequest(0, "localhost");
        SluiceSplit out = assignedTo(0).get(0);

        e.addSplitsBack(List.of(out), 0);
        assertThat(e.snapshotState(3).unassigned()).isEqualTo(out);
        e.handleSplitRequest(1, "localhost");

        assertThat(assignedTo(1)).containsExactly(out);
        assertThat(Map.of("calls", positions.calls)).isEqualTo(Map.of("calls", List.of("start")));
    }
}
