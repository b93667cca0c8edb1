package io.sluice.event.json;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.EventFixtures;
import io.sluice.event.JsonText;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@link CanonicalJson}: one test per row of DESIGN.md's "Canonical JSON" table, then whole events. */
class CanonicalJsonTest {
    private static final TableId ORDERS = new TableId("shop", "orders");

    private static Column column(ColumnType type, int scale) {
        return new Column("c", type, false, 0, scale, null, null);
    }

    private static String json(Object value, ColumnType type) {
        return CanonicalJson.valueToJson(value, column(type, 0));
    }

    @Test
    void integersAreExactNumbers() {
        assertThat(json(-128L, ColumnType.TINYINT)).isEqualTo("-128");
        assertThat(json(Long.MIN_VALUE, ColumnType.BIGINT)).isEqualTo("-9223372036854775808");
        assertThat(json(Long.MAX_VALUE, ColumnType.BIGINT)).isEqualTo("9223372036854775807");
        assertThat(json(new BigInteger("18446744073709551615"), ColumnType.BIGINT)).isEqualTo("18446744073709551615");
    }

    @Test
    void decimalIsAStringWithItsScale() {
        assertThat(CanonicalJson.valueToJson(new BigDecimal("123.4500"), column(ColumnType.DECIMAL, 4)))
                .isEqualTo("\"123.4500\"");
        assertThat(json(new BigDecimal("-0.0001"), ColumnType.DECIMAL)).isEqualTo("\"-0.0001\"");
        assertThat(json(new BigDecimal("12345678901234567890.00"), ColumnType.DECIMAL))
                .isEqualTo("\"12345678901234567890.00\"");
        // never scientific notation
        assertThat(json(new BigDecimal("1E+3"), ColumnType.DECIMAL)).isEqualTo("\"1000\"");
    }

    @Test
    void floatAndDoubleAreNumbers() {
        assertThat(json(1.5f, ColumnType.FLOAT)).isEqualTo("1.5");
        assertThat(json(-2.25d, ColumnType.DOUBLE)).isEqualTo("-2.25");
        assertThat(json(0.1d, ColumnType.DOUBLE)).isEqualTo("0.1");
    }

    @Test
    void dateIsIsoText() {
        assertThat(json(LocalDate.of(2020, 7, 17), ColumnType.DATE)).isEqualTo("\"2020-07-17\"");
    }

    @Test
    void datetimeHasAsManyFractionDigitsAsTheColumn() {
        LocalDateTime v = LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_456_000);

        assertThat(CanonicalJson.valueToJson(v, column(ColumnType.DATETIME, 0))).isEqualTo("\"2020-07-17T18:00:22\"");
        assertThat(CanonicalJson.valueToJson(v, column(ColumnType.DATETIME, 3))).isEqualTo("\"2020-07-17T18:00:22.123\"");
        assertThat(CanonicalJson.valueToJson(v, column(ColumnType.DATETIME, 6))).isEqualTo("\"2020-07-17T18:00:22.123456\"");
        assertThat(CanonicalJson.valueToJson(LocalDateTime.of(2020, 7, 17, 18, 0), column(ColumnType.DATETIME, 6)))
                .isEqualTo("\"2020-07-17T18:00:00.000000\"");
    }

    @Test
    void datetimeWithoutColumnPrintsTheDigitsItNeeds() {
        assertThat(CanonicalJson.valueToJson(LocalDateTime.of(2020, 7, 17, 18, 0, 22), null))
                .isEqualTo("\"2020-07-17T18:00:22\"");
        assertThat(CanonicalJson.valueToJson(LocalDateTime.of(2020, 7, 17, 18, 0, 22, 120_000_000), null))
                .isEqualTo("\"2020-07-17T18:00:22.120\"");
        assertThat(CanonicalJson.valueToJson(LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_400_000), null))
                .isEqualTo("\"2020-07-17T18:00:22.123400\"");
    }

    @Test
    void timestampIsAnInstantInUtc() {
        Instant v = Instant.parse("2020-07-17T10:00:22.123456Z");

        assertThat(CanonicalJson.valueToJson(v, column(ColumnType.TIMESTAMP, 3))).isEqualTo("\"2020-07-17T10:00:22.123Z\"");
        assertThat(CanonicalJson.valueToJson(v, column(ColumnType.TIMESTAMP, 0))).isEqualTo("\"2020-07-17T10:00:22Z\"");
        assertThat(CanonicalJson.valueToJson(Instant.ofEpochSecond(-1, 500_000_000), column(ColumnType.TIMESTAMP, 1)))
                .isEqualTo("\"1969-12-31T23:59:59.5Z\"");
    }

    @Test
    void timeIsSignedAndMayExceed24Hours() {
        assertThat(CanonicalJson.valueToJson(Duration.ofHours(18).plusSeconds(22), column(ColumnType.TIME, 0)))
                .isEqualTo("\"18:00:22\"");
        assertThat(CanonicalJson.valueToJson(Duration.parse("-PT838H59M59S"), column(ColumnType.TIME, 0)))
                .isEqualTo("\"-838:59:59\"");
        assertThat(CanonicalJson.valueToJson(Duration.ofHours(100).plusMillis(500), column(ColumnType.TIME, 1)))
                .isEqualTo("\"100:00:00.5\"");
        assertThat(CanonicalJson.valueToJson(Duration.ofMillis(-500), column(ColumnType.TIME, 1)))
                .isEqualTo("\"-00:00:00.5\"");
        assertThat(CanonicalJson.valueToJson(Duration.ZERO, column(ColumnType.TIME, 0))).isEqualTo("\"00:00:00\"");
    }

    @Test
    void yearIsANumberAndZeroStaysZero() {
        assertThat(json(0L, ColumnType.YEAR)).isEqualTo("0");
        assertThat(json(2155L, ColumnType.YEAR)).isEqualTo("2155");
    }

    @Test
    void zeroDateIsNullOrTheKeptText() {
        assertThat(json(null, ColumnType.DATE)).isEqualTo("null");
        assertThat(json("0000-00-00", ColumnType.DATE)).isEqualTo("\"0000-00-00\"");
    }

    @Test
    void stringsAreEscapedJsonStrings() {
        assertThat(json("h\u00e9llo \u4e16\u754c", ColumnType.STRING)).isEqualTo("\"h\u00e9llo \u4e16\u754c\"");
        assertThat(json("a\"b\\c\nd", ColumnType.STRING)).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Test
    void binaryIsBase64() {
        assertThat(json(new byte[] {0, 1, 2, (byte) 0xff}, ColumnType.BINARY)).isEqualTo("\"AAEC/w==\"");
        assertThat(json(new byte[0], ColumnType.BINARY)).isEqualTo("\"\"");
    }

    @Test
    void bitIsANumberBase64OrBoolean() {
        assertThat(json(21L, ColumnType.BIT)).isEqualTo("21");
        assertThat(json(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1}, ColumnType.BIT)).isEqualTo("\"gAAAAAAAAAE=\"");
        assertThat(json(true, ColumnType.BIT)).isEqualTo("true");
        assertThat(json(false, ColumnType.BIT)).isEqualTo("false");
    }

    @Test
    void enumIsItsLabelAndSetAnArrayOfLabels() {
        assertThat(json("paid", ColumnType.ENUM)).isEqualTo("\"paid\"");
        assertThat(json(List.of("a", "c"), ColumnType.SET)).isEqualTo("[\"a\",\"c\"]");
        assertThat(json(List.of(), ColumnType.SET)).isEqualTo("[]");
    }

    @Test
    void jsonIsTheValueItselfNotAString() {
        assertThat(json(new JsonText("{\"k\":[1,2.5,null],\"s\":\"x\"}"), ColumnType.JSON))
                .isEqualTo("{\"k\":[1,2.5,null],\"s\":\"x\"}");
        assertThat(json(new JsonText("\"just a string\""), ColumnType.JSON)).isEqualTo("\"just a string\"");
    }

    @Test
    void geometryIsWkt() {
        assertThat(json("POINT (1 2)", ColumnType.GEOMETRY)).isEqualTo("\"POINT (1 2)\"");
    }

    @Test
    void nullIsNull() {
        assertThat(json(null, ColumnType.INT)).isEqualTo("null");
        assertThat(CanonicalJson.valueToJson(null, null)).isEqualTo("null");
    }

    @Test
    void listsAndMapsNest() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 1L);
        inner.put("none", null);
        inner.put("day", LocalDate.of(2020, 7, 17));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("items", List.of(inner, List.of("x")));
        doc.put("price", new BigDecimal("9.90"));
        doc.put("raw", new JsonText("[true]"));

        assertThat(CanonicalJson.valueToJson(doc, null))
                .isEqualTo("{\"items\":[{\"n\":1,\"none\":null,\"day\":\"2020-07-17\"},[\"x\"]],\"price\":\"9.90\",\"raw\":[true]}");
        assertThat(CanonicalJson.valueToJson(Arrays.asList(1L, null, Map.of()), null)).isEqualTo("[1,null,{}]");
    }

    @Test
    void imageIsAnObjectInTableOrder() {
        TableSchema schema = EventFixtures.everyType(ORDERS);

        String json = CanonicalJson.toJson(schema, EventFixtures.everyTypeRow());

        assertThat(json).isEqualTo("{"
                + "\"c_tinyint\":-128,\"c_smallint\":65535,\"c_mediumint\":-8388608,\"c_int\":2147483647,"
                + "\"id\":18446744073709551615,\"c_decimal\":\"123.4500\",\"c_float\":1.5,\"c_double\":-2.25,"
                + "\"c_bit\":21,\"c_date\":\"2020-07-17\",\"c_datetime\":\"2020-07-17T18:00:22.123456\","
                + "\"c_timestamp\":\"2020-07-17T10:00:22.123Z\",\"c_time\":\"-838:59:59.0\",\"c_year\":0,"
                + "\"c_varchar\":\"h\u00e9llo \u4e16\u754c\",\"c_blob\":\"AAEC/w==\",\"c_enum\":\"paid\","
                + "\"c_set\":[\"a\",\"c\"],\"c_json\":{\"k\":[1,2.5,null],\"s\":\"x\"},\"c_geometry\":\"POINT (1 2)\"}");
    }

    @Test
    void rowChangeShape() throws Exception {
        TableSchema schema = new TableSchema(ORDERS, List.of(
                new Column("id", ColumnType.BIGINT, false, 0, 0, null, null),
                new Column("status", ColumnType.ENUM, false, 0, 0, null, List.of("new", "paid"))), List.of("id"));
        SourceInfo source = new SourceInfo("shop_3", "orders_7", 1, "binlog.000003", 1234, "0-1-77", 1_594_980_022_000L, false);
        RowChange update = new RowChange(Op.UPDATE, ORDERS, schema, new Object[] {7L, "new"}, new Object[] {7L, "paid"}, source);

        String json = CanonicalJson.toJson(update);

        assertThat(json).isEqualTo("{\"op\":\"u\",\"db\":\"shop\",\"table\":\"orders\",\"key\":[\"id\"],"
                + "\"before\":{\"id\":7,\"status\":\"new\"},\"after\":{\"id\":7,\"status\":\"paid\"},"
                + "\"source\":{\"db\":\"shop_3\",\"table\":\"orders_7\",\"server_id\":1,\"file\":\"binlog.000003\","
                + "\"pos\":1234,\"gtid\":\"0-1-77\",\"ts_ms\":1594980022000,\"snapshot\":false}}");
        assertThat(CanonicalJson.toJson(update.with(Op.DELETE, update.before(), null)))
                .contains("\"op\":\"d\"", "\"after\":null");
        assertThat(CanonicalJson.toJson(update.with(Op.INSERT, null, update.after())))
                .contains("\"op\":\"c\"", "\"before\":null");
        assertThatCode(() -> new ObjectMapper().readTree(json)).doesNotThrowAnyException();
    }

    @Test
    void schemaChangeShape() {
        TableSchema schema = new TableSchema(ORDERS, List.of(
                new Column("id", ColumnType.BIGINT, true, 0, 0, null, null),
                Column.of("note", ColumnType.STRING)), List.of("id"));
        SourceInfo source = new SourceInfo("shop", "orders", 1, "binlog.000003", 99, null, 5L, false);

        assertThat(CanonicalJson.toJson(new SchemaChange(ORDERS, "ALTER TABLE orders ADD note TEXT", schema, source)))
                .isEqualTo("{\"op\":\"ddl\",\"db\":\"shop\",\"table\":\"orders\",\"ddl\":\"ALTER TABLE orders ADD note TEXT\","
                        + "\"schema\":{\"columns\":[{\"name\":\"id\",\"type\":\"BIGINT\",\"unsigned\":true},"
                        + "{\"name\":\"note\",\"type\":\"STRING\"}],\"key\":[\"id\"]},"
                        + "\"source\":{\"db\":\"shop\",\"table\":\"orders\",\"server_id\":1,\"file\":\"binlog.000003\","
                        + "\"pos\":99,\"gtid\":null,\"ts_ms\":5,\"snapshot\":false}}");
        assertThat(CanonicalJson.toJson(new SchemaChange(ORDERS, "DROP TABLE orders", null, source)))
                .contains("\"schema\":null");
    }

    @Test
    void everyEventOfEveryTypeIsValidJson() throws Exception {
        TableSchema schema = EventFixtures.everyType(ORDERS);
        SourceInfo source = EventFixtures.source(ORDERS, 4, null);
        ObjectMapper mapper = new ObjectMapper();
        for (Object[] row : List.of(EventFixtures.everyTypeRow(), EventFixtures.everyTypeOtherRow(), EventFixtures.everyTypeNullRow(1))) {
            String json = CanonicalJson.toJson(new RowChange(Op.READ, ORDERS, schema, null, row, source));

            assertThat(mapper.readTree(json).get("after").size()).as(json).isEqualTo(schema.size());
        }
    }

    @Test
    void scalarTextIsTheJsonTextWithStringsUnquoted() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Object[][] cases = {
                {"alice \"q\" \u00e9", column(ColumnType.STRING, 0)}, {-42L, column(ColumnType.BIGINT, 0)},
                {new BigInteger("18446744073709551615"), column(ColumnType.BIGINT, 0)},
                {new BigDecimal("123.4500"), column(ColumnType.DECIMAL, 4)}, {1.5f, column(ColumnType.FLOAT, 0)},
                {-2.25d, column(ColumnType.DOUBLE, 0)}, {1e-7d, column(ColumnType.DOUBLE, 0)},
                {Double.NaN, column(ColumnType.DOUBLE, 0)}, {true, null},
                {LocalDate.of(2020, 7, 17), column(ColumnType.DATE, 0)},
                {LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_456_000), column(ColumnType.DATETIME, 6)},
                {LocalDateTime.of(2020, 7, 17, 18, 0, 22, 123_000_000), null},
                {Instant.parse("2020-07-17T10:00:22.123456Z"), column(ColumnType.TIMESTAMP, 3)},
                {Duration.parse("-PT838H59M59S"), column(ColumnType.TIME, 0)},
                {new byte[] {0, 1, (byte) 0xff}, column(ColumnType.BINARY, 0)}};
        for (Object[] c : cases) {
            Column column = (Column) c[1];
            String expected = mapper.readTree(CanonicalJson.valueToJson(c[0], column)).asText();
            assertThat(CanonicalJson.scalarText(c[0], column)).as("%s", c[0]).isEqualTo(expected);
        }
        assertThat(CanonicalJson.scalarText(new JsonText("{\"a\":1}"), null)).isNull();
        assertThat(CanonicalJson.scalarText(List.of("a", "b"), null)).isNull();
        assertThat(CanonicalJson.scalarText(null, null)).isNull();
    }
}
