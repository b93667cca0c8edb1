package io.sluice.source.enumerator;

import io.sluice.event.EventFixtures;
import io.sluice.event.TableId;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.BinlogSplit;

import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BinlogEnumeratorStateSerializer}: round trips, unknown versions and trailing bytes. */
class BinlogEnumeratorStateSerializerTest {
    private static final BinlogEnumeratorStateSerializer SERIALIZER = new BinlogEnumeratorStateSerializer();
    private static final TableId ORDERS = new TableId("shop", "orders");

    private static BinlogSplit split(BinlogPosition stop) {
        return new BinlogSplit(
                new BinlogPosition("binlog.000012", 4_711, "0-1-42", 3, 17),
                stop,
                Map.of(ORDERS, EventFixtures.everyType(ORDERS)));
    }

    @Test
    void roundTripOfInitialState() throws IOException {
        BinlogEnumeratorState back = roundTrip(BinlogEnumeratorState.initial());

        assertThat(back.created()).isFalse();
        assertThat(back.unassigned()).isNull();
    }

    @Test
    void roundTripWithUnassignedSplitAndStop() throws IOException {
        BinlogEnumeratorState state = new BinlogEnumeratorState(split(BinlogPosition.at("binlog.000013", 1_024, "0-1-50")), true);

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void roundTripWithUnassignedSplitWithoutStop() throws IOException {
        BinlogEnumeratorState state = new BinlogEnumeratorState(split(null), true);

        BinlogEnumeratorState back = roundTrip(state);

        assertThat(back).isEqualTo(state);
        assertThat(back.unassigned().stop()).isNull();
    }

    @Test
    void roundTripOnceAssigned() throws IOException {
        BinlogEnumeratorState state = new BinlogEnumeratorState(null, true);

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void versionIsOne() {
        assertThat(SERIALIZER.getVersion()).isEqualTo(BinlogEnumeratorStateSerializer.VERSION_1).isEqualTo(1);
    }

    @Test
    void unknownVersionNamesBothVersions() throws IOException {
        byte[] bytes = SERIALIZER.serialize(BinlogEnumeratorState.initial());

        assertThatThrownBy(() -> SERIALIZER.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown binlog enumerator state version 2; this Sluice reads versions 1 to 1");
    }

    @Test
    void unknownVersionOfTheNestedSplitNamesBothVersions() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        out.writeBoolean(true);
        out.writeBoolean(true);
        out.writeInt(9);
        out.writeInt(0);

        assertThatThrownBy(() -> SERIALIZER.deserialize(BinlogEnumeratorStateSerializer.VERSION_1, out.getCopyOfBuffer()))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown binlog split version 9; this Sluice reads versions 1 to 1");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogEnumeratorState(split(null), true));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> SERIALIZER.deserialize(BinlogEnumeratorStateSerializer.CURRENT_VERSION, longer))
                .isInstanceOf(IOException.class)
                .hasMessage("binlog enumerator state has 3 trailing bytes");
    }

    private static BinlogEnumeratorState roundTrip(BinlogEnumeratorState state) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state));
    }
}
