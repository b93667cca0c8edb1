package io.sluice.source.split;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.EventFixtures;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SluiceSplitSerializer}: round trips of both split kinds, unknown versions and trailing bytes. */
class SluiceSplitSerializerTest {
    private static final SluiceSplitSerializer SERIALIZER = SluiceSplitSerializer.INSTANCE;

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
    void versionIsFour() {
        assertThat(SERIALIZER.getVersion()).isEqualTo(SluiceSplitSerializer.VERSION_4).isEqualTo(4);
    }

    @Test
    void roundTripWithPreparedXaTransactions() throws IOException {
        BinlogSplit handedOver = SluiceSplitSerializerCompatibilityTest.binlogSplitV2();
        TableSchema schema = EventFixtures.everyType(new TableId("shop", "every"));
        RowChange row = new RowChange(Op.INSERT, schema.id(), schema, null, EventFixtures.everyTypeRow(),
                new SourceInfo("shop", "every", 1, "binlog.000003", 377, "0-1-9", 1_700_000_000_000L, false));
        Map<String, List<RowChange>> xa = new LinkedHashMap<>();
        xa.put("X'786132',X'',1", List.of(row, row));
        xa.put("X'786131',X'6232',7", List.of(row));
        BinlogSplit split = new BinlogSplit(handedOver.start(), handedOver.stop(), handedOver.schemas(),
                handedOver.handover(), xa);

        BinlogSplit back = roundTrip(split);

        assertThat(back).isEqualTo(split);
        assertThat(back.preparedXa().keySet()).containsExactly("X'786132',X'',1", "X'786131',X'6232',7");
        assertThat(back.preparedXa().get("X'786132',X'',1")).containsExactly(row, row);
    }

    @Test
    void roundTripWithHandover() throws IOException {
        BinlogSplit split = SluiceSplitSerializerCompatibilityTest.binlogSplitV2();

        BinlogSplit back = roundTrip(split);

        assertThat(back).isEqualTo(split);
        assertThat(back.handover()).isEqualTo(split.handover());
    }

    @Test
    void roundTripOfChunksWithEveryBoundKind() throws IOException {
        TableId t = new TableId("shop", "every");
        TableSchema schema = EventFixtures.everyType(t);
        // a key over the columns that may be keys, one value of each kind
        List<Column> keyColumns = schema.columns().stream()
                .filter(c -> c.type() != ColumnType.JSON && c.type() != ColumnType.GEOMETRY).toList();
        List<String> collations = keyColumns.stream()
                .map(c -> c.type() == ColumnType.STRING ? "utf8mb4_general_ci" : "").toList();
        KeyColumns key = new KeyColumns(keyColumns, collations, true);
        Object[] low = new Object[keyColumns.size()];
        for (int i = 0; i < low.length; i++) {
            low[i] = sample(keyColumns.get(i));
        }
        TableSchema keyed = new TableSchema(t, schema.columns(), keyColumns.stream().map(Column::name).toList());
        for (SnapshotSplit split : List.of(
                new SnapshotSplit(keyed, key, 0, null, low, null),
                new SnapshotSplit(keyed, key, 1, low, null, null),
                new SnapshotSplit(keyed, key, 2, null, null, new BinlogPosition("binlog.000003", 77, "0-1-3", 0, 0)))) {
            SnapshotSplit back = roundTrip(split);
            assertThat(back).isEqualTo(split);
            assertThat(back.splitId()).isEqualTo(split.splitId());
        }
    }

    private static Object sample(Column c) {
        return switch (c.type()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, YEAR -> 7L;
            case BIGINT -> c.unsigned() ? new java.math.BigInteger("18446744073709551615") : -5L;
            case DECIMAL -> new java.math.BigDecimal("12.3400");
            case FLOAT -> 1.5f;
            case DOUBLE -> -2.25;
            case BIT -> 5L;
            case DATE -> java.time.LocalDate.of(2020, 7, 17);
            case DATETIME -> java.time.LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_456_000);
            case TIMESTAMP -> java.time.Instant.parse("2020-07-17T10:00:22.5Z");
            case TIME -> java.time.Duration.ofSeconds(-3_000_000, 500_000_000);
            case STRING -> "caf\u00e9 \ud83d\ude00";
            case BINARY -> new byte[] {0, (byte) 0xFF};
            case ENUM -> c.labels().isEmpty() ? "" : c.labels().get(0);
            case SET -> List.of();
            default -> null;
        };
    }

    @Test
    void unknownVersionNamesBothVersions() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, Map.of()));

        assertThatThrownBy(() -> SERIALIZER.deserialize(7, bytes))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown split version 7; this Sluice reads versions 1 to 4");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, severalSchemas()));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

        assertThatThrownBy(() -> SERIALIZER.deserialize(SluiceSplitSerializer.CURRENT_VERSION, longer))
                .isInstanceOf(IOException.class)
                .hasMessage("split of version 4 has 2 trailing bytes");
    }

    @Test
    void rejectsTruncatedBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BinlogSplit(BinlogPosition.at("binlog.000001", 4), null, severalSchemas()));
        byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);

        assertThatThrownBy(() -> SERIALIZER.deserialize(SluiceSplitSerializer.CURRENT_VERSION, shorter))
                .isInstanceOf(IOException.class);
    }

    @SuppressWarnings("unchecked")
    private static <S extends SluiceSplit> S roundTrip(S split) throws IOException {
        return (S) SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
    }
}
