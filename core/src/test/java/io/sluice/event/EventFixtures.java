package io.sluice.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Schemas and rows shared by the event, JSON and state serializer tests: one column of every
 * {@link ColumnType}, with a value of the Java type its Javadoc names.
 */
public final class EventFixtures {
    private EventFixtures() {}

    /** One column per {@link ColumnType}, in declaration order; {@code id} is the key. */
    public static List<Column> everyColumnType() {
        return List.of(
                Column.of("c_tinyint", ColumnType.TINYINT),
                new Column("c_smallint", ColumnType.SMALLINT, true, 0, 0, null, null),
                Column.of("c_mediumint", ColumnType.MEDIUMINT),
                Column.of("c_int", ColumnType.INT),
                new Column("id", ColumnType.BIGINT, true, 0, 0, null, null),
                new Column("c_decimal", ColumnType.DECIMAL, false, 10, 4, null, null),
                Column.of("c_float", ColumnType.FLOAT),
                Column.of("c_double", ColumnType.DOUBLE),
                new Column("c_bit", ColumnType.BIT, false, 5, 0, null, null),
                Column.of("c_date", ColumnType.DATE),
                new Column("c_datetime", ColumnType.DATETIME, false, 0, 6, null, null),
                new Column("c_timestamp", ColumnType.TIMESTAMP, false, 0, 3, null, null),
                new Column("c_time", ColumnType.TIME, false, 0, 1, null, null),
                Column.of("c_year", ColumnType.YEAR),
                new Column("c_varchar", ColumnType.STRING, false, 64, 0, "UTF-8", null),
                new Column("c_blob", ColumnType.BINARY, false, 65_535, 0, null, null),
                new Column("c_enum", ColumnType.ENUM, false, 0, 0, "UTF-8", List.of("new", "paid", "shipped")),
                new Column("c_set", ColumnType.SET, false, 0, 0, "UTF-8", List.of("a", "b", "c")),
                Column.of("c_json", ColumnType.JSON),
                Column.of("c_geometry", ColumnType.GEOMETRY));
    }

    public static TableSchema everyType(TableId id) {
        return new TableSchema(id, everyColumnType(), List.of("id"));
    }

    /** A row of {@link #everyType}, with extreme values where the type has them. */
    public static Object[] everyTypeRow() {
        return new Object[] {
            -128L,
            65_535L,
            -8_388_608L,
            2_147_483_647L,
            new BigInteger("18446744073709551615"),
            new BigDecimal("123.4500"),
            1.5f,
            -2.25d,
            0b10101L,
            LocalDate.of(2020, 7, 17),
            LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_456_000),
            Instant.parse("2020-07-17T10:00:22.123Z"),
            Duration.ofHours(-838).minusMinutes(59).minusSeconds(59),
            0L,
            "h\u00e9llo \u4e16\u754c",
            new byte[] {0, 1, 2, (byte) 0xff},
            "paid",
            List.of("a", "c"),
            new JsonText("{\"k\":[1,2.5,null],\"s\":\"x\"}"),
            "POINT (1 2)"
        };
    }

    /** The same row with other values of the alternative types: BIT(64) bytes, BIT(1) boolean, a kept zero date. */
    public static Object[] everyTypeOtherRow() {
        Object[] row = everyTypeRow();
        row[0] = 127L;
        row[4] = 7L;
        row[5] = new BigDecimal("-0.0001");
        row[6] = Float.MAX_VALUE;
        row[7] = Double.MIN_VALUE;
        row[8] = new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        row[9] = "0000-00-00";
        row[10] = LocalDateTime.of(1, 1, 1, 0, 0);
        row[11] = Instant.ofEpochSecond(-1, 500_000_000);
        row[12] = Duration.ofHours(100).plusMillis(500);
        row[13] = 2155L;
        row[14] = "";
        row[15] = new byte[0];
        row[17] = List.of();
        row[18] = new JsonText("\"just a string\"");
        return row;
    }

    /** A row of {@link #everyType} that is null everywhere but the key. */
    public static Object[] everyTypeNullRow(long id) {
        Object[] row = new Object[everyColumnType().size()];
        row[4] = id;
        return row;
    }

    public static SourceInfo source(TableId table, long position, String gtid) {
        return new SourceInfo(table.db(), table.table(), 1L, "binlog.000003", position, gtid, 1_594_980_022_000L, false);
    }
}
