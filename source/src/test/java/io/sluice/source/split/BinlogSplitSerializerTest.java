package io.sluice.source.split;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.EventFixtures;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BinlogSplitSerializer}: round trips, unknown versions and trailing bytes. */
class BinlogSplitSerializerTest {
    private static final BinlogSplitSerializer SERIALIZER = BinlogSplitSerializer.INSTANCE;

    /** Three tables: every column type; a name with a dot and a backquote and no key; no columns at all. */
    static Map<TableId, TableSchema> severalSchemas() {
        TableId orders = new TableId("shop", "orders");
        TableId odd = new TableId("my.db", "we`ird");
        TableId empty = new TableId("shop", "empty");
        return Map.of(
                orders, EventFixtures.everyType(orders),
                odd, new TableSchema(odd, List.of(
                        Column.of("a", ColumnType.INT),
                        new Column("prix_\u20ac", ColumnType.STRING, false, 10, 0, "ISO-8859-1", null)), List.of()),
                empty, new TableSchema(empty, List.of(), List.of()));
    }

    @Test
    void roundTripWithStopPositionGtidAndSchemas() throws IOException {
        BinlogSplit split = new BinlogSplit(
                new BinlogPosition("binlog.000012", 4_711, "0-1-42,1-2-7", 3, 17),
                new BinlogPosition("binlog.000013", 1_024, "0-1-50", 0, 0),
                severalSchemas());

        BinlogSplit back = roundTrip(split);

        assertThat(back).isEqualTo(split);
        assertThat(back.start()).isEqualTo(split.start());
        assertThat(back.stop()).isEqualTo(split.stop());
        assertThat(back.schemas()).isEqualTo(split.schemas());
        assertThat(back.splitId()).isEqualTo(BinlogSplit.ID);
    }

    @Test
    void roundTripWithoutStopGtidOrSchemas() throws IOException {
        BinlogSplit split = new BinlogSplit(BinlogPosition.at("mysql-bin.000001", 4), null, Map.of());

        BinlogSplit back = roundTrip(split);

        assertThat(back).isEqualTo(split);
        assertThat(back.stop()).isNull();
        assertThat(back.start().gtidSet()).isNull();
        assertThat(back.schemas()).isEmpty();
    }

    @Test
    void emptyGtidSetStaysEmptyNotNull() throws IOException {
        BinlogSplit split = new BinlogSplit(BinlogPosition.at("binlog.000001", 4, ""), null, Map.of());

        assertThat(roundTrip(split).start().gtidSet()).isEmpty();
    }

    @Test
    void gtidSetLongerThanWriteUtfAllows() throws IOException {
        // a MySQL GTID set lists every server uuid that ever wrote; it may exceed 64 KiB
        char[] chars = new char[100_000];
        Arrays.fill(chars, '7');
        String gtid = "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-" + new String(chars);
        BinlogSplit split = new BinlogSplit(BinlogPosition.at("binlog.000001", 4, gtid), null, Map.of());

        assertThat(roundTrip(split).start().gtidSet()).isEqualTo(gtid);
    }

    @Test
    void versionIsOne() {
        assertThat(SERIALIZER.getVersion()).isEqualTo(BinlogSplitSerializer.VERSION_1).isEqualTo(1);
    }

    @Test
    void unknownVersionNamesBothVersions() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, Map.of()));

        assertThatThrownBy(() -> SERIALIZER.deserialize(7, bytes))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown binlog split version 7; this Sluice reads versions 1 to 1");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, severalSchemas()));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

        assertThatThrownBy(() -> SERIALIZER.deserialize(BinlogSplitSerializer.CURRENT_VERSION, longer))
                .isInstanceOf(IOException.class)
                .hasMessage("binlog split of version 1 has 2 trailing bytes");
    }

    @Test
    void rejectsTruncatedBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, severalSchemas()));
        byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);

        assertThatThrownBy(() -> SERIALIZER.deserialize(BinlogSplitSerializer.CURRENT_VERSION, shorter))
                .isInstanceOf(IOException.class);
    }

    private static BinlogSplit roundTrip(BinlogSplit split) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
    }
}
