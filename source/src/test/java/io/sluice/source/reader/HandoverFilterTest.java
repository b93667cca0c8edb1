package io.sluice.source.reader;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.KeyColumns;
import io.sluice.source.split.SnapshotHandover;
import io.sluice.source.split.SnapshotHandover.TableWatermarks;
import io.sluice.source.split.SnapshotHandover.WatermarkRange;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HandoverFilter}: a change is emitted only after the high watermark of the chunk its row
 * was read in; a key change after either chunk's; everything past the last watermark.
 */
class HandoverFilterTest {
    private static final TableId T = new TableId("shop", "orders");
    private static final TableId OTHER = new TableId("shop", "other");
    private static final Column ID = Column.of("id", ColumnType.BIGINT);
    // the binlog's schema may order columns differently from the key: found by name
    private static final TableSchema SCHEMA = new TableSchema(T, List.of(Column.of("v", ColumnType.INT), ID), List.of("id"));

    private static BinlogPosition at(long position) {
        return BinlogPosition.at("binlog.000001", position);
    }

    /** The position after a change of the transaction starting at {@code txStart}. */
    private static BinlogPosition after(long txStart) {
        return new BinlogPosition("binlog.000001", txStart, null, 1, 1);
    }

    private static final HandoverFilter FILTER = new HandoverFilter(new SnapshotHandover(at(2_000), Map.of(T,
            new TableWatermarks(new KeyColumns(List.of(ID), List.of(""), false), List.of(
                    new WatermarkRange(null, new Object[] {100L}, at(1_000)),
                    new WatermarkRange(new Object[] {100L}, new Object[] {200L}, at(2_000)),
                    new WatermarkRange(new Object[] {200L}, null, at(1_500)))))), null);

    private static RowChange change(Op op, Long before, Long after) {
        SourceInfo source = new SourceInfo(T.db(), T.table(), 1, "binlog.000001", 0, null, 0, false);
        return new RowChange(op, T, SCHEMA, before == null ? null : new Object[] {0L, before},
                after == null ? null : new Object[] {1L, after}, source);
    }

    @Test
    void emitsOnlyChangesAfterTheirChunksWatermark() {
        assertThat(FILTER.emit(change(Op.INSERT, null, 50L), after(1_200))).isTrue();
        assertThat(FILTER.emit(change(Op.INSERT, null, 50L), after(900))).isFalse();
        assertThat(FILTER.emit(change(Op.UPDATE, 150L, 150L), after(1_200))).isFalse();
        assertThat(FILTER.emit(change(Op.DELETE, 250L, null), after(1_400))).isFalse();
        assertThat(FILTER.emit(change(Op.DELETE, 250L, null), after(1_500))).isTrue();
    }

    @Test
    void aTransactionStartingAtTheWatermarkIsAfterIt() {
        assertThat(FILTER.emit(change(Op.INSERT, null, 100L), after(2_000))).isTrue();
        assertThat(FILTER.emit(change(Op.INSERT, null, 99L), after(1_000))).isTrue();
        assertThat(FILTER.emit(change(Op.INSERT, null, 99L), after(999))).isFalse();
    }

    @Test
    void aKeyChangeIsEmittedAfterEitherChunksWatermark() {
        // from a chunk read at 2000 to one read at 1500: news for the second
        assertThat(FILTER.emit(change(Op.UPDATE, 150L, 250L), after(1_800))).isTrue();
        assertThat(FILTER.emit(change(Op.UPDATE, 250L, 150L), after(1_800))).isTrue();
        assertThat(FILTER.emit(change(Op.UPDATE, 250L, 150L), after(1_400))).isFalse();
    }

    @Test
    void onlyTheUnseenHalfOfAKeyChangeIsEmitted() {
        // 150 lies in the chunk read at 2000 (after this change), 250 in the one read at 1500
        assertThat(FILTER.unseen(change(Op.UPDATE, 150L, 250L), after(1_800)).op()).isEqualTo(Op.INSERT);
        assertThat(FILTER.unseen(change(Op.UPDATE, 150L, 250L), after(1_800)).before()).isNull();
        assertThat(FILTER.unseen(change(Op.UPDATE, 250L, 150L), after(1_800)).op()).isEqualTo(Op.DELETE);
        assertThat(FILTER.unseen(change(Op.UPDATE, 250L, 150L), after(1_800)).after()).isNull();
        assertThat(FILTER.unseen(change(Op.UPDATE, 50L, 250L), after(1_800)).op()).isEqualTo(Op.UPDATE);
        assertThat(FILTER.unseen(change(Op.UPDATE, 250L, 150L), after(1_400))).isNull();
    }

    @Test
    void otherTablesAndEverythingPastTheLastWatermarkPass() {
        SourceInfo source = new SourceInfo(OTHER.db(), OTHER.table(), 1, "binlog.000001", 0, null, 0, false);
        TableSchema other = new TableSchema(OTHER, List.of(ID), List.of("id"));
        assertThat(FILTER.emit(new RowChange(Op.INSERT, OTHER, other, null, new Object[] {1L}, source), after(10)))
                .isTrue();
        assertThat(FILTER.emit(change(Op.UPDATE, 150L, 150L), after(2_000))).isTrue();
        assertThat(FILTER.emit(change(Op.UPDATE, 150L, 150L), new BinlogPosition("binlog.000002", 4, null, 1, 1)))
                .isTrue();
    }

    @Test
    void holdsATableOnlyBeforeItsFirstWatermark() {
        assertThat(FILTER.holds(T, after(900))).isTrue();
        assertThat(FILTER.holds(T, at(1_000))).isTrue();
        assertThat(FILTER.holds(T, after(1_200))).isFalse();
        assertThat(FILTER.holds(OTHER, after(900))).isFalse();
    }

    @Test
    void mergedHandoversKeepEveryTableAndTheLaterRanges() {
        KeyColumns key = new KeyColumns(List.of(ID), List.of(""), false);
        SnapshotHandover earlier = new SnapshotHandover(at(2_000), Map.of(
                T, new TableWatermarks(key, List.of(new WatermarkRange(null, null, at(2_000)))),
                OTHER, new TableWatermarks(key, List.of(new WatermarkRange(null, null, at(1_000))))));
        SnapshotHandover later = new SnapshotHandover(at(1_800), Map.of(
                T, new TableWatermarks(key, List.of(new WatermarkRange(null, null, at(1_800))))));

        SnapshotHandover merged = SnapshotHandover.merge(earlier, later);

        assertThat(merged.end()).isEqualTo(at(2_000));
        assertThat(merged.tables().get(T)).isEqualTo(later.tables().get(T));
        assertThat(merged.tables().get(OTHER)).isEqualTo(earlier.tables().get(OTHER));
        assertThat(SnapshotHandover.merge(null, later)).isSameAs(later);
        assertThat(SnapshotHandover.merge(earlier, null)).isSameAs(earlier);
    }
}
