package io.sluice.source.enumerator;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.core.table.TableFilter;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.KeyColumns;
import io.sluice.source.split.SluiceSplitSerializerCompatibilityTest;
import io.sluice.source.split.SnapshotSplit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads enumerator state bytes written by every released {@link EnumeratorStateSerializer}
 * version, committed under {@code src/test/resources/serializer-compat/}; the splits inside are the
 * ones {@link SluiceSplitSerializerCompatibilityTest} describes. See that class for how to write
 * the files of a new version (never rewrite old ones).
 */
class EnumeratorStateSerializerCompatibilityTest {
    private static final String UNASSIGNED_V1 = "enumerator-state-unassigned-v1.bin";
    private static final String ASSIGNED_V1 = "enumerator-state-assigned-v1.bin";
    private static final String SNAPSHOT_V2 = "enumerator-state-snapshot-v2.bin";
    private static final String NEW_TABLES_V3 = "enumerator-state-new-tables-v3.bin";

    private final EnumeratorStateSerializer serializer = new EnumeratorStateSerializer();

    @Test
    void readsVersion1WithUnassignedSplit() throws IOException {
        EnumeratorState state = serializer.deserialize(
                EnumeratorStateSerializer.VERSION_1, SluiceSplitSerializerCompatibilityTest.read(UNASSIGNED_V1));

        assertThat(state.created()).isTrue();
        assertThat(state.snapshot()).isNull();
        SluiceSplitSerializerCompatibilityTest.assertVersion1Split(state.unassigned());
    }

    @Test
    void readsVersion1OnceAssigned() throws IOException {
        EnumeratorState state = serializer.deserialize(
                EnumeratorStateSerializer.VERSION_1, SluiceSplitSerializerCompatibilityTest.read(ASSIGNED_V1));

        assertThat(state.created()).isTrue();
        assertThat(state.unassigned()).isNull();
        assertThat(state.snapshot()).isNull();
    }

    /**
     * The state in {@value #SNAPSHOT_V2}: a snapshot in progress with a stop position, one unplanned
     * table, an arithmetically cut table with two runs of finished chunks, a table cut by query with
     * a gap between its runs, and a chunk handed back by a failed reader.
     */
    static EnumeratorState snapshotStateV2() {
        TableChunks even = new TableChunks(ORDERS_SCHEMA_V2, ORDERS_KEY_V2, 1L, 10_000L,
                1_000L, 9_800, new FinishedChunks(), 5, new Object[] {5_001L}, false);
        even.finished.add(0, null, new Object[] {1_001L}, BinlogPosition.at("binlog.000012", 500));
        even.finished.add(1, new Object[] {1_001L}, new Object[] {2_001L}, BinlogPosition.at("binlog.000012", 500));
        even.finished.add(2, new Object[] {2_001L}, new Object[] {3_001L}, BinlogPosition.at("binlog.000013", 4));
        SnapshotSplit lines0 = SluiceSplitSerializerCompatibilityTest.finishedSnapshotSplitV2();
        TableChunks byQuery = new TableChunks(lines0.schema(), lines0.key(), null, null, null, 12, new FinishedChunks(), 4,
                new Object[] {9L, "a-\u00e9"}, true);
        byQuery.finished.add(0, null, new Object[] {7L, "b-12"}, BinlogPosition.at("binlog.000012", 4_711));
        byQuery.finished.add(2, new Object[] {8L, "c"}, new Object[] {9L, "a-\u00e9"},
                BinlogPosition.at("binlog.000012", 9_000));
        SnapshotSplit returned = SluiceSplitSerializerCompatibilityTest.snapshotSplitV2();
        return new EnumeratorState(null, false, new EnumeratorState.Snapshot(
                BinlogPosition.at("binlog.000020", 1_024), List.of(new TableId("shop", "later")),
                List.of(even, byQuery), List.of(returned)));
    }

    @Test
    void readsVersion2WithSnapshotInProgress() throws IOException {
        EnumeratorState state = serializer.deserialize(
                EnumeratorStateSerializer.VERSION_2, SluiceSplitSerializerCompatibilityTest.read(SNAPSHOT_V2));

        assertThat(state.created()).isFalse();
        assertThat(state.unassigned()).isNull();
        EnumeratorState.Snapshot s = state.snapshot();
        assertThat(s.stop()).isEqualTo(BinlogPosition.at("binlog.000020", 1_024));
        assertThat(s.unplanned()).containsExactly(new TableId("shop", "later"));
        assertThat(s.returned()).containsExactly(SluiceSplitSerializerCompatibilityTest.snapshotSplitV2());
        assertThat(s.tables()).hasSize(2);

        TableChunks even = s.tables().get(0);
        assertThat(even.schema).isEqualTo(ORDERS_SCHEMA_V2);
        assertThat(even.key).isEqualTo(ORDERS_KEY_V2);
        assertThat(List.of(even.evenMin, even.evenMax, even.evenStep)).containsExactly(1L, 10_000L, 1_000L);
        assertThat(even.estimatedRows).isEqualTo(9_800);
        assertThat(even.nextIndex).isEqualTo(5);
        assertThat(even.nextLow).containsExactly(5_001L);
        assertThat(even.exhausted).isFalse();
        assertThat(even.finished.count()).isEqualTo(3);
        assertThat(even.finished.runs()).extracting(EnumeratorStateSerializerCompatibilityTest::describe).containsExactly(
                "0..1 [-inf, 2001) at binlog.000012:500", "2..2 [2001, 3001) at binlog.000013:4");

        TableChunks byQuery = s.tables().get(1);
        assertThat(byQuery.isEven()).isFalse();
        assertThat(byQuery.exhausted).isTrue();
        assertThat(byQuery.nextLow).containsExactly(9L, "a-\u00e9");
        assertThat(byQuery.finished.runs()).extracting(EnumeratorStateSerializerCompatibilityTest::describe).containsExactly(
                "0..0 [-inf, [7, b-12]) at binlog.000012:4711", "2..2 [[8, c], [9, a-\u00e9]) at binlog.000012:9000");
    }

    /**
     * The state in {@value #NEW_TABLES_V3}: a snapshot of tables that appeared later (the v2
     * snapshot's progress, without a stop) while the binlog split waits, and the patterns read so far.
     */
    static EnumeratorState newTablesStateV3() {
        EnumeratorState.Snapshot v2 = snapshotStateV2().snapshot();
        return new EnumeratorState(null, true, new EnumeratorState.Snapshot(null, v2.unplanned(), v2.tables(),
                v2.returned(), SluiceSplitSerializerCompatibilityTest.binlogSplitV2()),
                TableFilter.of("shop\\..*", "shop\\.tmp_.*"));
    }

    @Test
    void readsVersion3WithTheSnapshotOfNewTablesAndTheCapturedPatterns() throws IOException {
        EnumeratorState state = serializer.deserialize(
                EnumeratorStateSerializer.VERSION_3, SluiceSplitSerializerCompatibilityTest.read(NEW_TABLES_V3));

        assertThat(state.created()).isTrue();
        assertThat(state.unassigned()).isNull();
        assertThat(state.captured()).isEqualTo(TableFilter.of("shop\\..*", "shop\\.tmp_.*"));
        EnumeratorState.Snapshot s = state.snapshot();
        assertThat(s.stop()).isNull();
        assertThat(s.resume()).isEqualTo(SluiceSplitSerializerCompatibilityTest.binlogSplitV2());
        assertThat(s.unplanned()).containsExactly(new TableId("shop", "later"));
        assertThat(s.returned()).containsExactly(SluiceSplitSerializerCompatibilityTest.snapshotSplitV2());
        assertThat(s.tables()).extracting(t -> t.table()).containsExactly(ORDERS, new TableId("shop", "lines"));
        assertThat(s.tables().get(1).finished.runs()).extracting(EnumeratorStateSerializerCompatibilityTest::describe)
                .containsExactly("0..0 [-inf, [7, b-12]) at binlog.000012:4711",
                        "2..2 [[8, c], [9, a-\u00e9]) at binlog.000012:9000");
    }

    @Test
    void version2HasNoCapturedPatternsNorResume() throws IOException {
        EnumeratorState state = serializer.deserialize(
                EnumeratorStateSerializer.VERSION_2, SluiceSplitSerializerCompatibilityTest.read(SNAPSHOT_V2));

        assertThat(state.captured()).isNull();
        assertThat(state.snapshot().resume()).isNull();
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.writeCompatBytes", matches = "true")
    void writeCurrentVersion() throws IOException {
        assertThat(EnumeratorStateSerializer.CURRENT_VERSION)
                .as("add the literal state of the new version before writing its file")
                .isEqualTo(EnumeratorStateSerializer.VERSION_3);
        SluiceSplitSerializerCompatibilityTest.write(NEW_TABLES_V3, serializer.serialize(newTablesStateV3()));
    }

    static final TableId ORDERS = new TableId("shop", "orders");
    static final List<Column> ORDERS_COLUMNS_V2 = List.of(
            new Column("id", ColumnType.BIGINT, false, 0, 0, null, List.of()),
            new Column("total", ColumnType.DECIMAL, false, 10, 2, null, List.of()));
    static final TableSchema ORDERS_SCHEMA_V2 = new TableSchema(ORDERS, ORDERS_COLUMNS_V2, List.of("id"));
    static final KeyColumns ORDERS_KEY_V2 = new KeyColumns(List.of(ORDERS_COLUMNS_V2.get(0)), List.of(""), false);

    /** A run as text, for assertions. */
    static String describe(FinishedChunks.Run run) {
        return run.first() + ".." + run.last() + " [" + (run.low() == null ? "-inf" : bound(run.low())) + ", "
                + (run.high() == null ? "+inf" : bound(run.high())) + ") at " + run.watermark();
    }

    private static String bound(Object[] key) {
        return key.length == 1 ? String.valueOf(key[0]) : java.util.Arrays.toString(key);
    }
}
