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
 * Reads split bytes written by every released {@link BinlogSplitSerializer} version, committed
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
 * #readsVersion1()}.
 * The values below are literal on purpose: they describe what the committed bytes hold and must
 * not follow later changes of shared test fixtures.
 */
public class BinlogSplitSerializerCompatibilityTest {
    public static final String DIR = "serializer-compat/";
    static final String SPLIT_V1 = "binlog-split-v1.bin";

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

    @Test
    void readsVersion1() throws IOException {
        BinlogSplit split = BinlogSplitSerializer.INSTANCE.deserialize(BinlogSplitSerializer.VERSION_1, read(SPLIT_V1));

        assertVersion1Split(split);
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
        assertThat(BinlogSplitSerializer.CURRENT_VERSION)
                .as("add the literal split of the new version before writing its file")
                .isEqualTo(BinlogSplitSerializer.VERSION_1);
        write(SPLIT_V1, BinlogSplitSerializer.INSTANCE.serialize(splitV1()));
    }

    public static byte[] read(String name) throws IOException {
        try (InputStream in = BinlogSplitSerializerCompatibilityTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
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
