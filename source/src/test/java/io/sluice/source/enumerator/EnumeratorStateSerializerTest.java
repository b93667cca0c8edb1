package io.sluice.source.enumerator;

import io.sluice.event.EventFixtures;
import io.sluice.event.TableId;
import io.sluice.core.table.TableFilter;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplitSerializerCompatibilityTest;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EnumeratorStateSerializer}: round trips, unknown versions, trailing bytes, and the size of
 * a snapshot's state for a table of a million chunks.
 */
class EnumeratorStateSerializerTest {
    private static final EnumeratorStateSerializer SERIALIZER = new EnumeratorStateSerializer();
    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final int MILLION = 1_000_000;

    private static BinlogSplit split(BinlogPosition stop) {
        return new BinlogSplit(
                new BinlogPosition("binlog.000012", 4_711, "0-1-42", 3, 17),
                stop,
                Map.of(ORDERS, EventFixtures.everyType(ORDERS)));
    }

    @Test
    void roundTripOfInitialState() throws IOException {
        EnumeratorState back = roundTrip(EnumeratorState.initial());

        assertThat(back.created()).isFalse();
        assertThat(back.unassigned()).isNull();
        assertThat(back.snapshot()).isNull();
    }

    @Test
    void roundTripWithUnassignedSplitAndStop() throws IOException {
        EnumeratorState state = new EnumeratorState(split(BinlogPosition.at("binlog.000013", 1_024, "0-1-50")), true, null);

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void roundTripWithUnassignedSplitWithoutStop() throws IOException {
        EnumeratorState state = new EnumeratorState(split(null), true, null);

        EnumeratorState back = roundTrip(state);

        assertThat(back).isEqualTo(state);
        assertThat(back.unassigned().stop()).isNull();
    }

    @Test
    void roundTripOnceAssigned() throws IOException {
        EnumeratorState state = new EnumeratorState(null, true, null);

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void roundTripOfSnapshotInProgressGivesTheSameBytes() throws IOException {
        EnumeratorState state = EnumeratorStateSerializerCompatibilityTest.snapshotStateV2();
        byte[] bytes = SERIALIZER.serialize(state);

        EnumeratorState back = SERIALIZER.deserialize(SERIALIZER.getVersion(), bytes);

        assertThat(SERIALIZER.serialize(back)).isEqualTo(bytes);
        assertThat(back.snapshot().tables().get(1).finished.runs())
                .extracting(EnumeratorStateSerializerCompatibilityTest::describe)
                .containsExactlyElementsOf(state.snapshot().tables().get(1).finished.runs().stream()
                        .map(EnumeratorStateSerializerCompatibilityTest::describe).toList());
    }

    /**
     * The enumerator's state for one table of a million finished chunks: one run (and a few dozen
     * bytes) when all chunks share their watermark, as when nothing wrote to the server during the
     * snapshot; a run per chunk in the worst case, where every chunk has its own watermark.
     */
    @Test
    void millionChunksStaySmall() throws IOException {
        SnapshotSplit lines = SluiceSplitSerializerCompatibilityTest.finishedSnapshotSplitV2();
        BinlogPosition hw = BinlogPosition.at("binlog.000012", 4_711);

        TableChunks evenQuiet = evenTable(hw, false);
        TableChunks evenBusy = evenTable(hw, true);
        TableChunks byQueryQuiet = queryTable(lines, hw, false);
        TableChunks byQueryBusy = queryTable(lines, hw, true);

        int evenQuietBytes = size(evenQuiet);
        int evenBusyBytes = size(evenBusy);
        int queryQuietBytes = size(byQueryQuiet);
        int queryBusyBytes = size(byQueryBusy);
        System.out.printf("enumerator state for 1,000,000 finished chunks: one watermark: %d bytes (integer key"
                        + " cut arithmetically), %d bytes (composite key cut by query); a watermark per chunk:"
                        + " %d bytes (%.1f per chunk), %d bytes (%.1f per chunk)%n",
                evenQuietBytes, queryQuietBytes, evenBusyBytes, evenBusyBytes / (double) MILLION, queryBusyBytes,
                queryBusyBytes / (double) MILLION);

        assertThat(evenQuiet.finished.runCount()).isEqualTo(1);
        assertThat(byQueryQuiet.finished.runCount()).isEqualTo(1);
        assertThat(evenQuietBytes).isLessThan(1_000);
        assertThat(queryQuietBytes).isLessThan(1_000);
        assertThat(evenBusy.finished.runCount()).isEqualTo(MILLION);
        assertThat(evenBusyBytes).isLessThan(12 * MILLION);
        assertThat(queryBusyBytes).isLessThan(32 * MILLION);
        // and it reads back
        EnumeratorState back = SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state(evenBusy)));
        assertThat(back.snapshot().tables().get(0).finished.count()).isEqualTo(MILLION);
        assertThat(back.snapshot().tables().get(0).isComplete()).isTrue();
    }

    private static TableChunks evenTable(BinlogPosition hw, boolean watermarkPerChunk) {
        TableChunks t = new TableChunks(EnumeratorStateSerializerCompatibilityTest.ORDERS_SCHEMA_V2,
                EnumeratorStateSerializerCompatibilityTest.ORDERS_KEY_V2, 1L, 8_192L * MILLION, 8_192L,
                8_192L * MILLION, new FinishedChunks(), MILLION, null, true);
        for (int i = 0; i < MILLION; i++) {
            t.finished.add(i, ChunkPlanner.evenBoundary(t, i), ChunkPlanner.evenBoundary(t, i + 1),
                    watermarkPerChunk ? BinlogPosition.at("binlog.000012", 4_711 + 997L * i) : hw);
        }
        return t;
    }

    private static TableChunks queryTable(SnapshotSplit lines, BinlogPosition hw, boolean watermarkPerChunk) {
        TableChunks t = new TableChunks(lines.schema(), lines.key(), null, null, null, 8_192L * MILLION,
                new FinishedChunks(), MILLION, null, true);
        Object[] low = null;
        for (int i = 0; i < MILLION; i++) {
            Object[] high = i == MILLION - 1 ? null : new Object[] {(long) i * 3, "sku-" + i};
            t.finished.add(i, low, high, watermarkPerChunk ? BinlogPosition.at("binlog.000012", 4_711 + 997L * i) : hw);
            low = high;
        }
        return t;
    }

    private static EnumeratorState state(TableChunks t) {
        return new EnumeratorState(null, false, new EnumeratorState.Snapshot(null, List.of(), List.of(t), List.of()));
    }

    private static int size(TableChunks t) throws IOException {
        return SERIALIZER.serialize(state(t)).length;
    }

    @Test
    void versionIsThree() {
        assertThat(SERIALIZER.getVersion()).isEqualTo(EnumeratorStateSerializer.VERSION_3).isEqualTo(3);
    }

    @Test
    void roundTripsTheSnapshotOfNewTablesAndTheCapturedPatterns() throws IOException {
        BinlogSplit resume = split(null);
        TableFilter captured = TableFilter.of("shop\\.orders_\\d+", "shop\\.orders_0");
        EnumeratorState state = new EnumeratorState(null, true, new EnumeratorState.Snapshot(null,
                List.of(new TableId("shop", "orders_7")), List.of(), List.of(), resume), captured);

        EnumeratorState back = roundTrip(state);

        assertThat(back.captured()).isEqualTo(captured);
        assertThat(back.snapshot().resume()).isEqualTo(resume);
        assertThat(back.snapshot().unplanned()).containsExactly(new TableId("shop", "orders_7"));
        assertThat(roundTrip(EnumeratorState.initial()).captured()).isNull();
    }

    @Test
    void unknownVersionNamesBothVersions() throws IOException {
        byte[] bytes = SERIALIZER.serialize(EnumeratorState.initial());

        assertThatThrownBy(() -> SERIALIZER.deserialize(4, bytes))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown enumerator state version 4; this Sluice reads versions 1 to 3");
    }

    @Test
    void unknownVersionOfTheNestedSplitNamesBothVersions() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        out.writeBoolean(true);
        out.writeBoolean(true);
        out.writeInt(9);
        out.writeInt(0);

        assertThatThrownBy(() -> SERIALIZER.deserialize(EnumeratorStateSerializer.VERSION_1, out.getCopyOfBuffer()))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown split version 9; this Sluice reads versions 1 to 4");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new EnumeratorState(split(null), true, null));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> SERIALIZER.deserialize(EnumeratorStateSerializer.CURRENT_VERSION, longer))
                .isInstanceOf(IOException.class)
                .hasMessage("enumerator state has 3 trailing bytes");
    }

    private static EnumeratorState roundTrip(EnumeratorState state) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state));
    }
}
