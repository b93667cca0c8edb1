package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.SnapshotHandover;
import io.sluice.source.split.SnapshotSplit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SnapshotAssigner} and arithmetic chunk cutting: chunks are cut one at a time, table by
 * table; chunks handed back come first; the snapshot is finished once every chunk reported; the
 * hand-over starts at the smallest watermark and filters until the largest.
 */
class SnapshotAssignerTest {
    private static final TableSchema ORDERS = EnumeratorStateSerializerCompatibilityTest.ORDERS_SCHEMA_V2;
    private static final TableId OTHER = new TableId("shop", "other");

    @Test
    void cutsArithmeticallyFromTheSmallestKeyWithAnUnboundedLastChunk() {
        FakeChunkPlanner planner = new FakeChunkPlanner();
        TableChunks t = planner.plan(ORDERS.id()).orElseThrow();

        assertThat(t.totalChunks(30)).isEqualTo(4);
        List<String> chunks = new ArrayList<>();
        while (!t.exhausted) {
            chunks.add(planner.next(t).toString());
        }

        assertThat(chunks).containsExactly(
                "SnapshotSplit{shop.orders #0 [-inf, [31])}",
                "SnapshotSplit{shop.orders #1 [[31], [61])}",
                "SnapshotSplit{shop.orders #2 [[61], [91])}",
                "SnapshotSplit{shop.orders #3 [[91], +inf)}");
        assertThat(t.totalChunks(30)).isEqualTo(4);
    }

    @Test
    void handsOutTablesOneAfterTheOtherAndReturnedChunksFirst() {
        FakeChunkPlanner planner = new FakeChunkPlanner();
        SnapshotAssigner assigner = new SnapshotAssigner(List.of(ORDERS.id(), OTHER), List.of(), List.of());

        SnapshotSplit first = assigner.next(planner).orElseThrow();
        SnapshotSplit second = assigner.next(planner).orElseThrow();
        assertThat(planner.planned).containsExactly(ORDERS.id());
        assigner.returned(first);

        assertThat(assigner.next(planner)).contains(first);
        List<SnapshotSplit> rest = new ArrayList<>();
        for (Optional<SnapshotSplit> s = assigner.next(planner); s.isPresent(); s = assigner.next(planner)) {
            rest.add(s.get());
        }
        assertThat(planner.planned).containsExactly(ORDERS.id(), OTHER);
        assertThat(rest).extracting(s -> s.table().table() + "#" + s.index())
                .containsExactly("orders#2", "orders#3", "other#0", "other#1", "other#2", "other#3");
        assertThat(second.index()).isEqualTo(1);
        assertThat(assigner.isFinished()).isFalse();
    }

    @Test
    void finishesWhenEveryChunkReportedAndHandsOverFromTheLowestWatermark() {
        FakeChunkPlanner planner = new FakeChunkPlanner();
        SnapshotAssigner assigner = new SnapshotAssigner(List.of(ORDERS.id()), List.of(), List.of());
        List<SnapshotSplit> chunks = new ArrayList<>();
        for (Optional<SnapshotSplit> s = assigner.next(planner); s.isPresent(); s = assigner.next(planner)) {
            chunks.add(s.get());
        }
        long[] watermarks = {500, 300, 300, 900};
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(assigner.isFinished()).isFalse();
            assigner.finished(chunks.get(i).finished(BinlogPosition.at("binlog.000001", watermarks[i])));
        }
        // a repeated report changes nothing
        assigner.finished(chunks.get(3).finished(BinlogPosition.at("binlog.000001", 900)));

        assertThat(assigner.isFinished()).isTrue();
        assertThat(assigner.lowestWatermark()).isEqualTo(BinlogPosition.at("binlog.000001", 300));
        SnapshotHandover handover = assigner.handover(assigner.lowestWatermark());
        assertThat(handover.end()).isEqualTo(BinlogPosition.at("binlog.000001", 900));
        assertThat(handover.tables().get(ORDERS.id()).ranges()).extracting(Object::toString).containsExactly(
                "[-inf, [31]) at binlog.000001:500", "[[31], [91]) at binlog.000001:300",
                "[[91], +inf) at binlog.000001:900");
    }

    @Test
    void aSnapshotWhoseChunksShareOneWatermarkNeedsNoFilter() {
        FakeChunkPlanner planner = new FakeChunkPlanner();
        SnapshotAssigner assigner = new SnapshotAssigner(List.of(ORDERS.id()), List.of(), List.of());
        for (Optional<SnapshotSplit> s = assigner.next(planner); s.isPresent(); s = assigner.next(planner)) {
            assigner.finished(s.get().finished(BinlogPosition.at("binlog.000001", 777)));
        }

        assertThat(assigner.isFinished()).isTrue();
        assertThat(assigner.handover(assigner.lowestWatermark())).isNull();
        assertThat(assigner.tables().iterator().next().finished.runCount()).isEqualTo(1);
    }

    @Test
    void aSnapshotOfNewTablesFiltersFromTheBinlogSplitsPositionEvenWithOneWatermark() {
        FakeChunkPlanner planner = new FakeChunkPlanner();
        SnapshotAssigner assigner = new SnapshotAssigner(List.of(), List.of(), List.of());
        assigner.addTables(List.of(ORDERS.id()));
        assigner.addTables(List.of(ORDERS.id()));
        for (Optional<SnapshotSplit> s = assigner.next(planner); s.isPresent(); s = assigner.next(planner)) {
            assigner.finished(s.get().finished(BinlogPosition.at("binlog.000001", 777)));
        }

        assertThat(assigner.isFinished()).isTrue();
        assertThat(assigner.tables()).hasSize(1);
        // the binlog split waits at 600: the changes up to 777 are in the chunks already
        SnapshotHandover handover = assigner.handover(BinlogPosition.at("binlog.000001", 600));
        assertThat(handover.end()).isEqualTo(BinlogPosition.at("binlog.000001", 777));
        assertThat(handover.tables().get(ORDERS.id()).ranges()).extracting(Object::toString)
                .containsExactly("[-inf, +inf) at binlog.000001:777");
        assertThat(assigner.handover(BinlogPosition.at("binlog.000001", 777))).isNull();
    }
}
