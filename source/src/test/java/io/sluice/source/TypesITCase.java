package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static io.sluice.source.SourceTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.config.ZeroDatePolicy;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every column type through insert, update (both images) and delete, NULL included, read from a
 * real MariaDB and compared with DESIGN.md's canonical JSON: once with the schema from full row
 * metadata, once from information_schema (a server with {@code binlog_row_metadata=MINIMAL}).
 *
 * <p>Each column has a few sample values; row {@code r} holds sample {@code r} of every column
 * (modulo its count), and one more row holds NULL everywhere. Updates rotate every row to the next
 * row's values and turn rows from and to NULL, so each sample and NULL appears in every image kind.
 */
class TypesITCase {
    static final String TIME_ZONE = "+02:00";

    /** One value: its SQL literal and its canonical JSON, by default and with the options on. */
    record Sample(String sql, String json, String jsonWithOptions) {}

    record Col(String name, String ddl, ColumnType type, List<Sample> samples) {
        Sample sample(int variant) {
            return samples.get(variant % samples.size());
        }
    }

    /** Where the rows were written: the binlog between {@code start} and the read's stop. */
    private record Written(MariaDbServer server, String db, StartupOptions start, boolean fullRowMetadata) {}

    static final List<Col> COLUMNS = List.of(
            // YEAR, BIT, DECIMAL and FLOAT first: the signedness metadata counts only some types as numbers
            col("yr", "YEAR", ColumnType.YEAR, n("0"), n("1901"), n("2155"), s("'70'", "1970")),
            // BIT: numbers up to 63 bits, base64 for 64, BIT(1) as boolean by option
            col("bit1", "BIT(1)", ColumnType.BIT, new Sample("b'1'", "1", "true"), new Sample("b'0'", "0", "false")),
            col("bit8", "BIT(8)", ColumnType.BIT, s("b'11111111'", "255"), s("b'0'", "0"), s("b'10000000'", "128")),
            col("bit17", "BIT(17)", ColumnType.BIT, s("b'10000000000000001'", "65537"), s("b'1'", "1")),
            col("bit63", "BIT(63)", ColumnType.BIT,
                    s("b'" + "1".repeat(63) + "'", "9223372036854775807"), s("b'1'", "1")),
            col("bit64", "BIT(64)", ColumnType.BIT,
                    hex("FFFFFFFFFFFFFFFF", "FFFFFFFFFFFFFFFF"), s("b'1'", b64("0000000000000001")),
                    s("b'0'", b64("0000000000000000")), hex("8000000000000000", "8000000000000000")),
            // exact decimals keep the column's scale
            col("d65", "DECIMAL(65,30)", ColumnType.DECIMAL,
                    dec("99999999999999999999999999999999999.999999999999999999999999999999",
                            "99999999999999999999999999999999999.999999999999999999999999999999"),
                    dec("-99999999999999999999999999999999999.999999999999999999999999999999",
                            "-99999999999999999999999999999999999.999999999999999999999999999999"),
                    dec("0", "0.000000000000000000000000000000"),
                    dec("-0.000000000000000000000000000001", "-0.000000000000000000000000000001"),
                    dec("12345678901234567890.12345678901234567890123456789",
                            "12345678901234567890.123456789012345678901234567890")),
            col("d10_4", "DECIMAL(10,4)", ColumnType.DECIMAL,
                    dec("123.45", "123.4500"), dec("-123.45", "-123.4500"), dec("0", "0.0000"),
                    dec("-0.0001", "-0.0001"), dec("-999999.9999", "-999999.9999")),
            col("d10_4_u", "DECIMAL(10,4) UNSIGNED", ColumnType.DECIMAL,
                    dec("999999.9999", "999999.9999"), dec("0.5", "0.5000")),
            col("d18_9", "DECIMAL(18,9)", ColumnType.DECIMAL,
                    dec("-123456789.123456789", "-123456789.123456789"), dec("1", "1.000000000")),
            col("d5_0", "DECIMAL(5,0)", ColumnType.DECIMAL, dec("-12345", "-12345"), dec("0", "0")),
            col("d4_4", "DECIMAL(4,4)", ColumnType.DECIMAL, dec("-0.1234", "-0.1234"), dec("0.9999", "0.9999")),
            // approximate numbers
            col("f", "FLOAT", ColumnType.FLOAT, n("3.14"), n("-1.5"), s("3.402823466E+38", "3.4028235E38"), s("0", "0.0")),
            col("dbl", "DOUBLE", ColumnType.DOUBLE,
                    n("2.718281828459045"), n("-1.7976931348623157E308"), s("1e-300", "1.0E-300"), n("0.1")),
            // integers and their extremes
            col("ti", "TINYINT", ColumnType.TINYINT, n("-128"), n("127"), n("0"), n("-1")),
            col("ti_u", "TINYINT UNSIGNED", ColumnType.TINYINT, n("255"), n("0"), n("128")),
            col("si", "SMALLINT", ColumnType.SMALLINT, n("-32768"), n("32767"), n("-1")),
            col("si_u", "SMALLINT UNSIGNED", ColumnType.SMALLINT, n("65535"), n("0"), n("32768")),
            col("mi", "MEDIUMINT", ColumnType.MEDIUMINT, n("-8388608"), n("8388607"), n("-1")),
            col("mi_u", "MEDIUMINT UNSIGNED", ColumnType.MEDIUMINT, n("16777215"), n("0"), n("8388608")),
            col("i", "INT", ColumnType.INT, n("-2147483648"), n("2147483647"), n("-1")),
            col("i_u", "INT UNSIGNED", ColumnType.INT, n("4294967295"), n("0"), n("2147483648")),
            col("bi", "BIGINT", ColumnType.BIGINT, n("-9223372036854775808"), n("9223372036854775807"), n("-1")),
            col("bi_u", "BIGINT UNSIGNED", ColumnType.BIGINT,
                    n("18446744073709551615"), n("0"), n("9223372036854775808"), n("9223372036854775807")),
            // dates and times; zero dates are null by default, the server's text with the option
            col("dt", "DATE", ColumnType.DATE,
                    str("'2020-07-17'", "2020-07-17"), str("'1000-01-01'", "1000-01-01"),
                    str("'9999-12-31'", "9999-12-31"), zero("'0000-00-00'", "0000-00-00"),
                    zero("'2020-07-00'", "2020-07-00")),
            col("dt0", "DATETIME", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22'", "2020-07-17T18:00:22"),
                    str("'1000-01-01 00:00:00'", "1000-01-01T00:00:00"),
                    zero("'0000-00-00 00:00:00'", "0000-00-00 00:00:00"),
                    str("'9999-12-31 23:59:59'", "9999-12-31T23:59:59")),
            col("dt1", "DATETIME(1)", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22.1'", "2020-07-17T18:00:22.1"),
                    str("'2020-07-17 18:00:22'", "2020-07-17T18:00:22.0")),
            col("dt2", "DATETIME(2)", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22.12'", "2020-07-17T18:00:22.12"),
                    str("'2020-07-17 18:00:22.05'", "2020-07-17T18:00:22.05")),
            col("dt3", "DATETIME(3)", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22.123'", "2020-07-17T18:00:22.123"),
                    zero("'0000-00-00 00:00:00.000'", "0000-00-00 00:00:00.000"),
                    str("'2020-07-17 18:00:22.001'", "2020-07-17T18:00:22.001")),
            col("dt4", "DATETIME(4)", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22.1234'", "2020-07-17T18:00:22.1234"),
                    str("'2020-07-17 18:00:22.0001'", "2020-07-17T18:00:22.0001")),
            col("dt5", "DATETIME(5)", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22.12345'", "2020-07-17T18:00:22.12345"),
                    str("'2020-07-17 18:00:22.00001'", "2020-07-17T18:00:22.00001")),
            col("dt6", "DATETIME(6)", ColumnType.DATETIME,
                    str("'2020-07-17 18:00:22.123456'", "2020-07-17T18:00:22.123456"),
                    str("'9999-12-31 23:59:59.999999'", "9999-12-31T23:59:59.999999"),
                    str("'1000-01-01 00:00:00.000001'", "1000-01-01T00:00:00.000001"),
                    zero("'0000-00-00 00:00:00.000000'", "0000-00-00 00:00:00.000000")),
            // TIMESTAMP literals are read in the session's zone (+02:00); events carry UTC instants
            col("ts0", "TIMESTAMP NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22'", "2020-07-17T10:00:22Z"),
                    str("'1970-01-01 02:00:01'", "1970-01-01T00:00:01Z"),
                    zero("'0000-00-00 00:00:00'", "0000-00-00 00:00:00"),
                    str("'2038-01-19 05:14:07'", "2038-01-19T03:14:07Z")),
            col("ts1", "TIMESTAMP(1) NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22.1'", "2020-07-17T10:00:22.1Z"),
                    str("'2020-07-17 12:00:22'", "2020-07-17T10:00:22.0Z")),
            col("ts2", "TIMESTAMP(2) NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22.12'", "2020-07-17T10:00:22.12Z")),
            col("ts3", "TIMESTAMP(3) NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22.123'", "2020-07-17T10:00:22.123Z"),
                    zero("'0000-00-00 00:00:00.000'", "0000-00-00 00:00:00.000")),
            col("ts4", "TIMESTAMP(4) NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22.1234'", "2020-07-17T10:00:22.1234Z")),
            col("ts5", "TIMESTAMP(5) NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22.12345'", "2020-07-17T10:00:22.12345Z")),
            col("ts6", "TIMESTAMP(6) NULL DEFAULT NULL", ColumnType.TIMESTAMP,
                    str("'2020-07-17 12:00:22.123456'", "2020-07-17T10:00:22.123456Z"),
                    str("'1970-01-01 02:00:01.000001'", "1970-01-01T00:00:01.000001Z"),
                    str("'2038-01-19 05:14:07.999999'", "2038-01-19T03:14:07.999999Z")),
            col("tm0", "TIME", ColumnType.TIME,
                    str("'18:00:22'", "18:00:22"), str("'-838:59:59'", "-838:59:59"),
                    str("'838:59:59'", "838:59:59"), str("'00:00:00'", "00:00:00"),
                    str("'-00:00:01'", "-00:00:01")),
            col("tm1", "TIME(1)", ColumnType.TIME,
                    str("'-00:00:01.5'", "-00:00:01.5"), str("'100:00:00.5'", "100:00:00.5"),
                    str("'-838:59:58.9'", "-838:59:58.9"), str("'-00:00:00.1'", "-00:00:00.1")),
            col("tm2", "TIME(2)", ColumnType.TIME,
                    str("'-12:34:56.78'", "-12:34:56.78"), str("'00:00:00.01'", "00:00:00.01"),
                    str("'-00:00:00.01'", "-00:00:00.01")),
            col("tm3", "TIME(3)", ColumnType.TIME,
                    str("'-00:00:00.001'", "-00:00:00.001"), str("'123:45:56.789'", "123:45:56.789"),
                    str("'-01:00:00.5'", "-01:00:00.500")),
            col("tm4", "TIME(4)", ColumnType.TIME,
                    str("'-01:00:00.0001'", "-01:00:00.0001"), str("'01:00:00.9999'", "01:00:00.9999")),
            col("tm5", "TIME(5)", ColumnType.TIME,
                    str("'-00:00:01.00001'", "-00:00:01.00001"), str("'838:59:58.99999'", "838:59:58.99999")),
            col("tm6", "TIME(6)", ColumnType.TIME,
                    str("'-838:59:59.000000'", "-838:59:59.000000"), str("'-00:00:00.000001'", "-00:00:00.000001"),
                    str("'18:00:22.123456'", "18:00:22.123456"), str("'-100:00:00.5'", "-100:00:00.500000")),
            // text in the column's charset
            col("c_latin1", "CHAR(10) CHARACTER SET latin1", ColumnType.STRING,
                    text("café"), text("Ærø €"), text(""), text("ÿ ß")),
            col("vc_latin1", "VARCHAR(20) CHARACTER SET latin1", ColumnType.STRING,
                    text("Ærø"), text("café"), text("")),
            col("t_latin1", "TEXT CHARACTER SET latin1", ColumnType.STRING, text("café Ærø ©®"), text("")),
            col("c_utf8mb3", "CHAR(10) CHARACTER SET utf8mb3", ColumnType.STRING, text("Ærø 日本"), text("café")),
            col("vc_utf8mb3", "VARCHAR(300) CHARACTER SET utf8mb3", ColumnType.STRING,
                    text("café 日本語"), s("REPEAT('é', 300)", q("é".repeat(300)))),
            col("t_utf8mb3", "MEDIUMTEXT CHARACTER SET utf8mb3", ColumnType.STRING, text("Ærø"), text("")),
            col("c_utf8mb4", "CHAR(100) CHARACTER SET utf8mb4", ColumnType.STRING,
                    text("😀 café"), s("REPEAT('😀', 100)", q("😀".repeat(100)))),
            col("vc_utf8mb4", "VARCHAR(20) CHARACTER SET utf8mb4", ColumnType.STRING,
                    text("😀"), text("a😀b Ærø")),
            col("tt_utf8mb4", "TINYTEXT CHARACTER SET utf8mb4", ColumnType.STRING, text("日本 😀")),
            col("t_utf8mb4", "LONGTEXT CHARACTER SET utf8mb4", ColumnType.STRING, text("😀 Ærø 日本"), text("x")),
            // a MariaDB-only collation (id above 1024, unknown to Connector/J)
            col("vc_nopad", "VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin", ColumnType.STRING,
                    text("café 😀"), text("z")),
            // bytes, as base64
            col("bin4", "BINARY(4)", ColumnType.BINARY,
                    hex("00FF0000", "00FF0000"), hex("FFFFFFFF", "FFFFFFFF"), hex("00000000", "00000000"),
                    hex("", "00000000"), hex("41", "41000000")),
            col("vbin", "VARBINARY(10)", ColumnType.BINARY, hex("00FF00", "00FF00"), hex("", ""), hex("FF", "FF")),
            col("tblob", "TINYBLOB", ColumnType.BINARY, hex("00FF", "00FF"), hex("", "")),
            col("blob_", "BLOB", ColumnType.BINARY, hex("FF00FF00", "FF00FF00")),
            col("mblob", "MEDIUMBLOB", ColumnType.BINARY, hex("00", "00"), hex("C3A9", "C3A9")),
            col("lblob", "LONGBLOB", ColumnType.BINARY, hex("FFFE00", "FFFE00")),
            // ENUM label, SET labels (labels in the column's charset)
            col("e", "ENUM('a','café','😀','Big') CHARACTER SET utf8mb4", ColumnType.ENUM,
                    text("café"), text("😀"), text("a"), text("Big")),
            col("e_latin1", "ENUM('x','Ærø') CHARACTER SET latin1", ColumnType.ENUM, text("Ærø"), text("x")),
            col("st", "SET('a','B','c','ü','😀') CHARACTER SET utf8mb4", ColumnType.SET,
                    s("'a,c'", "[\"a\",\"c\"]"), s("''", "[]"), s("'ü,😀'", "[\"ü\",\"😀\"]"),
                    s("'a,B,c,ü'", "[\"a\",\"B\",\"c\",\"ü\"]")),
            // MariaDB stores JSON as text; events carry the value itself
            col("j", "JSON", ColumnType.JSON,
                    s("'{\"a\": 1, \"b\": [true, false, null], \"s\": \"café 😀 \\\\u00e9\"}'",
                            "{\"a\":1,\"b\":[true,false,null],\"s\":\"café 😀 é\"}"),
                    s("'[1, 2.50, -3e2, \"x\", {\"k\": {}}]'", "[1,2.50,-3e2,\"x\",{\"k\":{}}]"),
                    s("'42'", "42"),
                    s("'\"日本 😀\"'", "\"日本 😀\""),
                    s("' {\\n \"nested\" : [ [ ] , { } ] \\n} '", "{\"nested\":[[],{}]}")),
            // geometry as WKT
            col("pt", "POINT", ColumnType.GEOMETRY,
                    geo("POINT(1 2)", "POINT (1 2)"), geo("POINT(-1.5 2.25)", "POINT (-1.5 2.25)")),
            col("ls", "LINESTRING", ColumnType.GEOMETRY,
                    geo("LINESTRING(0 0, 1 1, 2 0.5)", "LINESTRING (0 0, 1 1, 2 0.5)")),
            col("pg", "POLYGON", ColumnType.GEOMETRY,
                    geo("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
                    geo("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))",
                            "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))")),
            col("g", "GEOMETRY", ColumnType.GEOMETRY,
                    geo("POINT(3 4)", "POINT (3 4)"), geo("LINESTRING(1 1, 2 2)", "LINESTRING (1 1, 2 2)")));

    /** Rows 1..ROWS hold samples 0..ROWS-1; row NULL_ROW starts with NULL everywhere. */
    static final int ROWS = COLUMNS.stream().mapToInt(c -> c.samples().size()).max().orElseThrow();
    static final int NULL_ROW = ROWS + 1;

    private static MariaDbServer minimalServer;
    private static Written full;
    private static Written minimal;
    private static List<Change> expected;

    /** An expected row change: which sample set each image holds, null for all-NULL. */
    private record Change(Op op, int id, Integer before, Integer after) {}

    @BeforeAll
    static void writeRows() throws Exception {
        expected = new ArrayList<>();
        full = write(MariaDbServer.shared(), true, expected);
        minimalServer = MariaDbServer.builder().rowMetadata("MINIMAL").start();
        minimal = write(minimalServer, false, new ArrayList<>());
    }

    @AfterAll
    static void stopMinimalServer() {
        if (minimalServer != null) {
            minimalServer.close();
        }
    }

    @Test
    void everyTypeWithFullRowMetadata() throws Exception {
        check(full, false);
    }

    @Test
    void zeroDatesAsTextAndBit1AsBooleanWithFullRowMetadata() throws Exception {
        check(full, true);
    }

    @Test
    void everyTypeWithTheSchemaFromInformationSchema() throws Exception {
        check(minimal, false);
    }

    @Test
    void zeroDatesAsTextAndBit1AsBooleanWithTheSchemaFromInformationSchema() throws Exception {
        check(minimal, true);
    }

    /** Creates the table, then inserts, updates and deletes; records the changes in {@code log}. */
    private static Written write(MariaDbServer server, boolean fullRowMetadata, List<Change> log) throws Exception {
        String db = server.createDatabase("types");
        server.execute(db, "CREATE TABLE types (id INT PRIMARY KEY, "
                + COLUMNS.stream().map(c -> "`" + c.name() + "` " + c.ddl()).collect(Collectors.joining(", "))
                + ") DEFAULT CHARSET=utf8mb4");
        StartupOptions start = now(server);
        List<String> sql = new ArrayList<>();
        // non-strict, so that zero dates and YEAR 0 are stored as written
        sql.add("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
        sql.add("SET SESSION time_zone = '" + TIME_ZONE + "'");
        Integer[] state = new Integer[NULL_ROW + 1];
        for (int id = 1; id <= NULL_ROW; id++) {
            Integer variant = id == NULL_ROW ? null : id - 1;
            sql.add("INSERT INTO types VALUES (" + id + ", " + values(variant, ", ") + ")");
            log.add(new Change(Op.INSERT, id, null, variant));
            state[id] = variant;
        }
        for (int id = 1; id <= ROWS; id++) {
            int next = id % ROWS;
            sql.add("UPDATE types SET " + assignments(next) + " WHERE id = " + id);
            log.add(new Change(Op.UPDATE, id, state[id], next));
            state[id] = next;
        }
        sql.add("UPDATE types SET " + assignments(0) + " WHERE id = " + NULL_ROW);
        log.add(new Change(Op.UPDATE, NULL_ROW, null, 0));
        state[NULL_ROW] = 0;
        sql.add("UPDATE types SET " + assignments(null) + " WHERE id = 1");
        log.add(new Change(Op.UPDATE, 1, state[1], null));
        state[1] = null;
        for (int id = 1; id <= NULL_ROW; id++) {
            sql.add("DELETE FROM types WHERE id = " + id);
            log.add(new Change(Op.DELETE, id, state[id], null));
        }
        server.execute(db, sql.toArray(String[]::new));
        return new Written(server, db, start, fullRowMetadata);
    }

    static String values(Integer variant, String separator) {
        return COLUMNS.stream()
                .map(c -> variant == null ? "NULL" : c.sample(variant).sql())
                .collect(Collectors.joining(separator));
    }

    private static String assignments(Integer variant) {
        return COLUMNS.stream()
                .map(c -> "`" + c.name() + "` = " + (variant == null ? "NULL" : c.sample(variant).sql()))
                .collect(Collectors.joining(", "));
    }

    private static void check(Written written, boolean options) throws Exception {
        BinlogSourceConfig.Builder config = config(written.server(), written.db()).startup(written.start());
        if (options) {
            config.zeroDates(ZeroDatePolicy.STRING).bit1AsBoolean(true);
        }
        List<RowChange> rows = rows(readUntilNow(config));

        assertThat(rows).extracting(r -> r.op() + " " + r.get("id"))
                .containsExactlyElementsOf(expected.stream().map(c -> c.op() + " " + (long) c.id()).toList());
        TableSchema schema = rows.get(0).schema();
        assertThat(schema.columnNames()).containsExactlyElementsOf(
                concat("id", COLUMNS.stream().map(Col::name).toList()));
        assertThat(schema.columns().stream().skip(1).map(c -> c.name() + " " + c.type()).toList())
                .containsExactlyElementsOf(COLUMNS.stream().map(c -> c.name() + " " + c.type()).toList());
        assertThat(schema.keyColumns()).containsExactly("id");

        List<String> mismatches = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            RowChange row = rows.get(k);
            Change change = expected.get(k);
            compare(row, "before", row.before(), change.before(), written, options, mismatches);
            compare(row, "after", row.after(), change.after(), written, options, mismatches);
        }
        assertThat(mismatches).as("values that differ from the canonical JSON").isEmpty();

        // the whole image in one object, for one row with every sample set
        RowChange first = rows.get(0);
        assertThat(CanonicalJson.toJson(first.schema(), first.after())).isEqualTo(expectedImage(0, written, options));
    }

    private static void compare(
            RowChange row, String which, Object[] image, Integer variant, Written written, boolean options,
            List<String> mismatches) {
        boolean present = which.equals("before") ? row.op() != Op.INSERT : row.op() != Op.DELETE;
        if (!present) {
            if (image != null) {
                mismatches.add(row + ": unexpected " + which + " image");
            }
            return;
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            Col col = COLUMNS.get(i);
            String want = expectedJson(col, variant, written, options);
            String got = CanonicalJson.valueToJson(image[i + 1], row.schema().column(i + 1));
            if (!want.equals(got)) {
                String sql = variant == null ? "NULL" : col.sample(variant).sql();
                mismatches.add(row.op() + " id=" + row.get("id") + " " + which + " " + col.name() + " " + col.ddl()
                        + " = " + sql + ": expected " + want + " but was " + got
                        + " (" + (image[i + 1] == null ? "null" : image[i + 1].getClass().getSimpleName()) + ")");
            }
        }
    }

    private static String expectedJson(Col col, Integer variant, Written written, boolean options) {
        if (variant == null) {
            return "null";
        }
        Sample sample = col.sample(variant);
        String json = options ? sample.jsonWithOptions() : sample.json();
        if (!written.fullRowMetadata() && (col.type() == ColumnType.ENUM || col.type() == ColumnType.SET)) {
            // Known limit: without labels in the binlog they come from information_schema, where
            // MariaDB (utf8mb3 there) replaces 4-byte characters with '?'; SHOW CREATE TABLE too.
            json = json.replaceAll("[\\x{10000}-\\x{10FFFF}]", "?");
        }
        return json;
    }

    private static String expectedImage(int variant, Written written, boolean options) {
        StringBuilder sb = new StringBuilder("{\"id\":1");
        for (Col col : COLUMNS) {
            sb.append(",\"").append(col.name()).append("\":").append(expectedJson(col, variant, written, options));
        }
        return sb.append('}').toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    // ---- samples

    private static Col col(String name, String ddl, ColumnType type, Sample... samples) {
        return new Col(name, ddl, type, List.of(samples));
    }

    /** A number written as the SQL literal. */
    private static Sample n(String literal) {
        return s(literal, literal);
    }

    /** Any value whose JSON does not depend on the options. */
    private static Sample s(String sql, String json) {
        return new Sample(sql, json, json);
    }

    private static Sample dec(String literal, String text) {
        return s(literal, q(text));
    }

    /** A value written as {@code sql} that comes out as the JSON string {@code text}. */
    private static Sample str(String sql, String text) {
        return s(sql, q(text));
    }

    /** A string written and read back as itself. */
    private static Sample text(String value) {
        return str("'" + value + "'", value);
    }

    /** A zero or partly zero date: null by default, the server's text with the option. */
    private static Sample zero(String sql, String text) {
        return new Sample(sql, "null", q(text));
    }

    /** Bytes written as {@code x'..'}, read back as {@code storedHex} in base64. */
    private static Sample hex(String writtenHex, String storedHex) {
        return s("x'" + writtenHex + "'", b64(storedHex));
    }

    private static Sample geo(String wkt, String json) {
        return s("ST_GeomFromText('" + wkt + "')", q(json));
    }

    private static String b64(String hex) {
        return q(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
    }

    /** A JSON string of text that needs no escaping. */
    private static String q(String text) {
        return "\"" + text + "\"";
    }
}
