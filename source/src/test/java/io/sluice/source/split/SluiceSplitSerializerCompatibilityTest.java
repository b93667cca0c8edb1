package io.sluice.source.split;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads split bytes written by every released {@link SluiceSplitSerializer} version, committed
 * under {@code src/test/resources/serializer-compat/}. A failure here means the format changed:
 * add a new {@code VERSION_n} that still reads the old bytes, never edit or regenerate old files.
 *
 * <p>Files of a new version are written once by {@link #writeCurrentVersion()}, which runs only
 * when asked for (it never overwrites a file):
 *
 * <pre>
 * mvn -B -o -pl source test -Dtest='*SerializerCompatibilityTest' -Dsluice.writeCompatBytes=true
 * </pre>
 *
 * <p>(the read tests of that run fail: the resources were copied before the files existed), then
 * run the tests again, commit the new files and add a {@code readsVersionN} test next to {@link
 * #readsVersion1()}. Version 1 held only the binlog split; version 2 adds the snapshot chunk and
 * the binlog split's snapshot handover.
 * The values below are literal on purpose: they describe what the committed bytes hold and must
 * not follow later changes of shared test fixtures.
 */
public class SluiceSplitSerializerCompatibilityTest {
    public static final String DIR = "serializer-compat/";
    static final String SPLIT_V1 = "binlog-split-v1.bin";
    static final String BINLOG_SPLIT_V2 = "binlog-split-with-handover-v2.bin";
    static final String SNAPSHOT_SPLIT_V2 = "snapshot-split-v2.bin";
    static final String FINISHED_SNAPSHOT_SPLIT_V2 = "snapshot-split-finished-v2.bin";
    static final String EMITTING_SNAPSHOT_SPLIT_V3 = "snapshot-split-emitting-v3.bin";

    static final TableId ORDERS = new TableId("shop", "orders");
    static final TableId ODD = new TableId("my.db", "we`ird");

    /** The columns of {@code shop.orders} in the version 1 bytes: one of every ColumnType of version 1. */
    static final List<Column> ORDERS_COLUMNS_V1 = List.of(
            new Column("c_tinyint", ColumnType.TINYINT, false, 0, 0, null, List.of()),
            new Column("c_smallint", ColumnType.SMALLINT, true, 0, 0, null, List.of()),
            new Column("c_mediumint", ColumnType.MEDIUMINT, false, 0, 0, null, List.of()),
            new Column("c_int", ColumnType.INT, false, 0, 0, null, List.of()),
            new Column("id", ColumnType.BIGINT, true, 0, 0, null, List.of()),
            new Column("c_decimal", ColumnType.DECIMAL, false, 10, 4, null, List.of()),
            new Column("c_float", ColumnType.FLOAT, false, 0, 0, null, List.of()),
            new Column("c_double", ColumnType.DOUBLE, false, 0, 0, null, List.of()),
            new Column("c_bit", ColumnType.BIT, false, 5, 0, null, List.of()),
            new Column("c_date", ColumnType.DATE, false, 0, 0, null, List.of()),
            new Column("c_datetime", ColumnType.DATETIME, false, 0, 6, null, List.of()),
            new Column("c_timestamp", ColumnType.TIMESTAMP, false, 0, 3, null, List.of()),
            new Column("c_time", ColumnType.TIME, false, 0, 1, null, List.of()),
            new Column("c_year", ColumnType.YEAR, false, 0, 0, null, List.of()),
            new Column("c_varchar", ColumnType.STRING, false, 64, 0, "UTF-8", List.of()),
            new Column("c_blob", ColumnType.BINARY, false, 65_535, 0, null, List.of()),
            new Column("c_enum", ColumnType.ENUM, false, 0, 0, "UTF-8", List.of("new", "paid", "shipped")),
            new Column("c_set", ColumnType.SET, false, 0, 0, "UTF-8", List.of("a", "b", "c")),
            new Column("c_json", ColumnType.JSON, false, 0, 0, null, List.of()),
            new Column("c_geometry", ColumnType.GEOMETRY, false, 0, 0, null, List.of()));

    static final List<Column> ODD_COLUMNS_V1 = List.of(
            new Column("a", ColumnType.INT, false, 0, 0, null, List.of()),
            new Column("prix_\u20ac", ColumnType.STRING, false, 10, 0, "ISO-8859-1", List.of()));

    /** The split in {@value #SPLIT_V1}. */
    public static BinlogSplit splitV1() {
        return new BinlogSplit(
                new BinlogPosition("binlog.000012", 4_711, "0-1-42,1-2-7", 3, 17),
                new BinlogPosition("binlog.000013", 1_024, null, 0, 0),
                Map.of(
                        ORDERS, new TableSchema(ORDERS, ORDERS_COLUMNS_V1, List.of("id")),
                        ODD, new TableSchema(ODD, ODD_COLUMNS_V1, List.of())));
    }

    /** The key of {@code shop.lines} in the version 2 bytes: an integer and a text column. */
    static final KeyColumns LINES_KEY_V2 = new KeyColumns(
            List.of(new Column("order_id", ColumnType.BIGINT, true, 0, 0, null, List.of()),
                    new Column("sku", ColumnType.STRING, false, 64, 0, "UTF-8", List.of())),
            List.of("", "utf8mb4_general_ci"), false);

    static final TableId LINES = new TableId("shop", "lines");

    static TableSchema linesSchemaV2() {
        return new TableSchema(LINES, List.of(
                new Column("order_id", ColumnType.BIGINT, true, 0, 0, null, List.of()),
                new Column("sku", ColumnType.STRING, false, 64, 0, "UTF-8", List.of()),
                new Column("qty", ColumnType.INT, false, 0, 0, null, List.of()),
                new Column("price", ColumnType.DECIMAL, false, 10, 2, null, List.of())),
                List.of("order_id", "sku"));
    }

    /** The binlog split in {@value #BINLOG_SPLIT_V2}: the version 1 split with a snapshot handover. */
    public static BinlogSplit binlogSplitV2() {
        BinlogSplit v1 = splitV1();
        SnapshotHandover handover = new SnapshotHandover(
                BinlogPosition.at("binlog.000012", 9_000),
                Map.of(LINES, new SnapshotHandover.TableWatermarks(LINES_KEY_V2, List.of(
                        new SnapshotHandover.WatermarkRange(null, new Object[] {7L, "b-12"},
                                BinlogPosition.at("binlog.000012", 4_711)),
                        new SnapshotHandover.WatermarkRange(new Object[] {7L, "b-12"}, null,
                                BinlogPosition.at("binlog.000012", 9_000))))));
        return new BinlogSplit(v1.start(), null, v1.schemas(), handover);
    }

    /** The unfinished chunk in {@value #SNAPSHOT_SPLIT_V2}. */
    public static SnapshotSplit snapshotSplitV2() {
        return new SnapshotSplit(linesSchemaV2(), LINES_KEY_V2, 3, new Object[] {7L, "b-12"},
                new Object[] {9L, "a-\u00e9"}, null);
    }

    /** The finished chunk in {@value #FINISHED_SNAPSHOT_SPLIT_V2}: the first chunk, up to the second. */
    public static SnapshotSplit finishedSnapshotSplitV2() {
        return new SnapshotSplit(linesSchemaV2(), LINES_KEY_V2, 0, null, new Object[] {7L, "b-12"},
                new BinlogPosition("binlog.000012", 4_711, "0-1-42", 0, 0));
    }

    @Test
    void readsVersion1() throws IOException {
        SluiceSplit split = SluiceSplitSerializer.INSTANCE.deserialize(SluiceSplitSerializer.VERSION_1, read(SPLIT_V1));

        assertVersion1Split((BinlogSplit) split);
    }

    @Test
    void readsVersion2BinlogSplitWithHandover() throws IOException {
        BinlogSplit split = (BinlogSplit) SluiceSplitSerializer.INSTANCE.deserialize(
                SluiceSplitSerializer.VERSION_2, read(BINLOG_SPLIT_V2));

        assertThat(split.start()).isEqualTo(new BinlogPosition("binlog.000012", 4_711, "0-1-42,1-2-7", 3, 17));
        assertThat(split.stop()).isNull();
        assertThat(split.schemas()).containsOnlyKeys(ORDERS, ODD);
        SnapshotHandover handover = split.handover();
        assertThat(handover.end()).isEqualTo(BinlogPosition.at("binlog.000012", 9_000));
        SnapshotHandover.TableWatermarks lines = handover.tables().get(LINES);
        assertThat(lines.key()).isEqualTo(LINES_KEY_V2);
        assertThat(lines.ranges()).hasSize(2);
        assertThat(lines.ranges().get(0).low()).isNull();
        assertThat(lines.ranges().get(0).high()).containsExactly(7L, "b-12");
        assertThat(lines.ranges().get(0).watermark()).isEqualTo(BinlogPosition.at("binlog.000012", 4_711));
        assertThat(lines.ranges().get(1).high()).isNull();
        assertThat(split).isEqualTo(binlogSplitV2());
    }

    @Test
    void readsVersion2SnapshotSplits() throws IOException {
        SnapshotSplit open = (SnapshotSplit) SluiceSplitSerializer.INSTANCE.deserialize(
                SluiceSplitSerializer.VERSION_2, read(SNAPSHOT_SPLIT_V2));
        SnapshotSplit done = (SnapshotSplit) SluiceSplitSerializer.INSTANCE.deserialize(
                SluiceSplitSerializer.VERSION_2, read(FINISHED_SNAPSHOT_SPLIT_V2));

        assertThat(open.table()).isEqualTo(LINES);
        assertThat(open.schema().columns()).isEqualTo(linesSchemaV2().columns());
        assertThat(open.schema().keyColumns()).containsExactly("order_id", "sku");
        assertThat(open.key()).isEqualTo(LINES_KEY_V2);
        assertThat(open.index()).isEqualTo(3);
        assertThat(open.low()).containsExactly(7L, "b-12");
        assertThat(open.high()).containsExactly(9L, "a-\u00e9");
        assertThat(open.isFinished()).isFalse();
        assertThat(open).isEqualTo(snapshotSplitV2());
        assertThat(open.splitId()).isEqualTo("chunk-3-shop.lines");

        assertThat(done.low()).isNull();
        assertThat(done.highWatermark()).isEqualTo(new BinlogPosition("binlog.000012", 4_711, "0-1-42", 0, 0));
        assertThat(done).isEqualTo(finishedSnapshotSplitV2());
    }

    /** The chunk in {@value #EMITTING_SNAPSHOT_SPLIT_V3}: unfinished, rows of a read at 4_800 went out. */
    public static SnapshotSplit emittingSnapshotSplitV3() {
        return snapshotSplitV2().emitting(BinlogPosition.at("binlog.000012", 4_800));
    }

    @Test
    void readsVersion3SnapshotSplitWhoseRowsStartedToGoOut() throws IOException {
        SnapshotSplit emitting = (SnapshotSplit) SluiceSplitSerializer.INSTANCE.deserialize(
                SluiceSplitSerializer.VERSION_3, read(EMITTING_SNAPSHOT_SPLIT_V3));

        assertThat(emitting.isFinished()).isFalse();
        assertThat(emitting.emittedAt()).isEqualTo(BinlogPosition.at("binlog.000012", 4_800));
        assertThat(emitting.low()).containsExactly(7L, "b-12");
        assertThat(emitting).isEqualTo(emittingSnapshotSplitV3());
        // read again later, the chunk counts as read at the earlier watermark
        assertThat(emitting.finished(BinlogPosition.at("binlog.000013", 4)).highWatermark())
                .isEqualTo(BinlogPosition.at("binlog.000012", 4_800));
        assertThat(emitting.finished(BinlogPosition.at("binlog.000012", 900)).highWatermark())
                .isEqualTo(BinlogPosition.at("binlog.000012", 900));
    }

    @Test
    void version2SnapshotSplitsHaveNoEmittedRows() throws IOException {
        SnapshotSplit open = (SnapshotSplit) SluiceSplitSerializer.INSTANCE.deserialize(
                SluiceSplitSerializer.VERSION_2, read(SNAPSHOT_SPLIT_V2));

        assertThat(open.emittedAt()).isNull();
    }

    /** Checks every field of what {@link #splitV1()} wrote, one by one. */
    public static void assertVersion1Split(BinlogSplit split) {
        BinlogPosition start = split.start();
        assertThat(start.file()).isEqualTo("binlog.000012");
        assertThat(start.position()).isEqualTo(4_711);
        assertThat(start.gtidSet()).isEqualTo("0-1-42,1-2-7");
        assertThat(start.eventsToSkip()).isEqualTo(3);
        assertThat(start.rowsToSkip()).isEqualTo(17);

        BinlogPosition stop = split.stop();
        assertThat(stop.file()).isEqualTo("binlog.000013");
        assertThat(stop.position()).isEqualTo(1_024);
        assertThat(stop.gtidSet()).isNull();
        assertThat(stop.eventsToSkip()).isZero();
        assertThat(stop.rowsToSkip()).isZero();

        assertThat(split.schemas()).containsOnlyKeys(ORDERS, ODD);
        TableSchema orders = split.schemas().get(ORDERS);
        assertThat(orders.id()).isEqualTo(ORDERS);
        assertThat(orders.columns()).containsExactlyElementsOf(ORDERS_COLUMNS_V1);
        assertThat(orders.keyColumns()).containsExactly("id");
        TableSchema odd = split.schemas().get(ODD);
        assertThat(odd.id().db()).isEqualTo("my.db");
        assertThat(odd.id().table()).isEqualTo("we`ird");
        assertThat(odd.columns()).containsExactlyElementsOf(ODD_COLUMNS_V1);
        assertThat(odd.keyColumns()).isEmpty();

        assertThat(split).isEqualTo(splitV1());
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.writeCompatBytes", matches = "true")
    void writeCurrentVersion() throws IOException {
        assertThat(SluiceSplitSerializer.CURRENT_VERSION)
                .as("add the literal split of the new version before writing its file")
                .isEqualTo(SluiceSplitSerializer.VERSION_3);
        write(EMITTING_SNAPSHOT_SPLIT_V3, SluiceSplitSerializer.INSTANCE.serialize(emittingSnapshotSplitV3()));
    }

    public static byte[] read(String name) throws IOException {
        try (InputStream in = SluiceSplitSerializerCompatibilityTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            return Objects.requireNonNull(in, "missing test resource " + DIR + name).readAllBytes();
        }
    }

    /** Writes a new file into the module's test resources; refuses to replace a committed one. */
    public static void write(String name, byte[] bytes) throws IOException {
        Path file = Path.of("src/test/resources", DIR, name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
    }
}
