package io.sluice.sinks.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The value conventions of each message format, one column type at a time. */
class MessageEncodersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceInfo SOURCE =
            new SourceInfo("shop", "t", 7, "binlog.000003", 4711, "0-7-42", 1_700_000_000_000L, false);

    private static Column col(String name, ColumnType type, boolean unsigned, int length, int scale, String... labels) {
        return new Column(name, type, unsigned, length, scale, null, List.of(labels));
    }

    private static final TableSchema ALL = new TableSchema(new TableId("shop", "t"), List.of(
            col("id", ColumnType.BIGINT, true, 0, 0),
            col("price", ColumnType.DECIMAL, false, 10, 2),
            col("born", ColumnType.DATE, false, 0, 0),
            col("at", ColumnType.DATETIME, false, 0, 6),
            col("seen", ColumnType.TIMESTAMP, false, 0, 3),
            col("took", ColumnType.TIME, false, 0, 0),
            col("flags", ColumnType.BIT, false, 10, 0),
            col("on", ColumnType.BIT, false, 1, 0),
            col("raw", ColumnType.BINARY, false, 4, 0),
            col("tags", ColumnType.SET, false, 0, 0, "a", "b", "c"),
            col("kind", ColumnType.ENUM, false, 0, 0, "x", "y"),
            col("doc", ColumnType.JSON, false, 0, 0),
            col("f", ColumnType.FLOAT, false, 0, 0)), List.of("id"));

    private static Object[] row(String price, String kind) {
        return new Object[] {new BigInteger("18446744073709551615"), new BigDecimal(price), LocalDate.of(1970, 1, 11),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), Instant.parse("2024-01-02T03:04:05.120Z"),
                Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), 513L, 1L,
                new byte[] {(byte) 0xE9, 0, 65, (byte) 0xFF}, List.of("a", "c"), kind, new JsonText("{\"k\":[1,2]}"),
                1.5f};
    }

    @Test
    void canalJsonWritesEveryValueAsCanalsString() throws Exception {
        RowChange update = new RowChange(Op.UPDATE, ALL.id(), ALL, row("1.50", "x"), row("2.00", "y"), SOURCE);
        JsonNode m = JSON.readTree(MessageEncoder.of(MessageFormat.CANAL_JSON, MessageOptions.defaults()).row(update));
        JsonNode data = m.get("data").get(0);
        assertThat(data.get("id").asText()).isEqualTo("18446744073709551615");
        assertThat(data.get("price").asText()).isEqualTo("2.00");
        assertThat(data.get("born").asText()).isEqualTo("1970-01-11");
        assertThat(data.get("at").asText()).isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(data.get("seen").asText()).as("UTC").isEqualTo("2024-01-02 03:04:05.120");
        assertThat(data.get("took").asText()).isEqualTo("-838:59:59");
        assertThat(data.get("flags").asText()).isEqualTo("513");
        assertThat(data.get("on").asText()).isEqualTo("1");
        assertThat(data.get("raw").asText().getBytes(StandardCharsets.ISO_8859_1))
                .containsExactly((byte) 0xE9, 0, 65, (byte) 0xFF);
        assertThat(data.get("tags").asText()).isEqualTo("a,c");
        assertThat(data.get("kind").asText()).isEqualTo("y");
        assertThat(data.get("doc").asText()).isEqualTo("{\"k\":[1,2]}");
        assertThat(m.get("old").toString()).isEqualTo("[{\"price\":\"1.50\",\"kind\":\"x\"}]");
        assertThat(m.get("mysqlType").get("id").asText()).isEqualTo("bigint unsigned");
        assertThat(m.get("mysqlType").get("tags").asText()).isEqualTo("set('a','b','c')");
        assertThat(m.get("mysqlType").get("at").asText()).isEqualTo("datetime(6)");
        assertThat(m.get("sqlType").get("seen").asInt()).isEqualTo(java.sql.Types.TIMESTAMP);
        assertThat(m.get("id").asLong()).isEqualTo(4711);
        assertThat(m.get("gtid").asText()).isEqualTo("0-7-42");
        assertThat(m.get("es").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(m.get("type").asText()).isEqualTo("UPDATE");

        RowChange delete = new RowChange(Op.DELETE, ALL.id(), ALL, row("1.50", "x"), null, SOURCE);
        JsonNode d = JSON.readTree(MessageEncoder.of(MessageFormat.CANAL_JSON, MessageOptions.defaults()).row(delete));
        assertThat(d.get("type").asText()).isEqualTo("DELETE");
        assertThat(d.get("data").get(0).get("price").asText()).isEqualTo("1.50");
        assertThat(d.get("old").isNull()).isTrue();
    }

    @Test
    void canalDdlTypesFollowCanalsEventTypes() {
        assertThat(CanalJsonEncoder.ddlType("ALTER TABLE t ADD c INT")).isEqualTo("ALTER");
        assertThat(CanalJsonEncoder.ddlType("/* x */ create table t (id int)")).isEqualTo("CREATE");
        assertThat(CanalJsonEncoder.ddlType("CREATE UNIQUE INDEX i ON t (c)")).isEqualTo("CINDEX");
        assertThat(CanalJsonEncoder.ddlType("DROP INDEX i ON t")).isEqualTo("DINDEX");
        assertThat(CanalJsonEncoder.ddlType("DROP TABLE t")).isEqualTo("ERASE");
        assertThat(CanalJsonEncoder.ddlType("TRUNCATE TABLE t")).isEqualTo("TRUNCATE");
        assertThat(CanalJsonEncoder.ddlType("RENAME TABLE a TO b")).isEqualTo("RENAME");
        assertThat(CanalJsonEncoder.ddlType("GRANT ALL ON *.* TO x")).isEqualTo("QUERY");
    }

    @Test
    void debeziumJsonWritesDebeziumsDefaultRepresentations() throws Exception {
        RowChange insert = new RowChange(Op.INSERT, ALL.id(), ALL, null, row("-1.25", "x"), SOURCE);
        JsonNode m = JSON.readTree(MessageEncoder.of(MessageFormat.DEBEZIUM_JSON, MessageOptions.defaults()).row(insert));
        JsonNode after = m.get("after");
        assertThat(after.get("id").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(new BigInteger(after.get("price").binaryValue())).isEqualTo(BigInteger.valueOf(-125));
        assertThat(after.get("born").asInt()).isEqualTo(10);
        assertThat(after.get("at").asLong()).as("micros above 3 digits").isEqualTo(1_704_164_645_123_456L);
        assertThat(after.get("seen").asText()).isEqualTo("2024-01-02T03:04:05.120Z");
        assertThat(after.get("took").asLong()).isEqualTo(-(838L * 3600 + 59 * 60 + 59) * 1_000_000);
        assertThat(after.get("flags").binaryValue()).as("little-endian").containsExactly(1, 2);
        assertThat(after.get("on").isBoolean()).as("BIT(1) as its schema says").isTrue();
        assertThat(after.get("on").asBoolean()).isTrue();
        assertThat(after.get("raw").binaryValue()).containsExactly((byte) 0xE9, 0, 65, (byte) 0xFF);
        assertThat(after.get("tags").asText()).isEqualTo("a,c");
        assertThat(after.get("doc").asText()).isEqualTo("{\"k\":[1,2]}");
        assertThat(m.get("before").isNull()).isTrue();
        assertThat(m.get("op").asText()).isEqualTo("c");
        assertThat(m.get("source").get("gtid").asText()).isEqualTo("0-7-42");
        assertThat(m.get("source").get("server_id").asLong()).isEqualTo(7);

        JsonNode asText = JSON.readTree(MessageEncoder.of(MessageFormat.DEBEZIUM_JSON,
                new MessageOptions("srv", true, MessageOptions.DecimalHandling.STRING)).row(insert));
        assertThat(asText.get("payload").get("after").get("price").asText()).isEqualTo("-1.25");
        JsonNode schema = asText.get("schema");
        assertThat(schema.get("name").asText()).isEqualTo("srv.shop.t.Envelope");
        JsonNode fields = schema.get("fields").get(1).get("fields");
        assertThat(fields.get(0).get("type").asText()).isEqualTo("int64");
        assertThat(fields.get(0).get("optional").asBoolean()).isFalse();
        assertThat(fields.get(3).get("name").asText()).isEqualTo("io.debezium.time.MicroTimestamp");
        assertThat(fields.get(4).get("name").asText()).isEqualTo("io.debezium.time.ZonedTimestamp");
        assertThat(fields.get(9).get("parameters").get("allowed").asText()).isEqualTo("a,b,c");
    }

    @Test
    void jsonIsTheCanonicalJsonInUtf8() {
        TableSchema users = new TableSchema(new TableId("shop", "users"), List.of(col("id", ColumnType.BIGINT, false, 0, 0),
                new Column("name", ColumnType.STRING, false, 100, 0, "UTF-8", List.of())), List.of("id"));
        RowChange row = new RowChange(Op.INSERT, users.id(), users, null, new Object[] {1L, "h\u00e9llo \"\ud83d\ude00\"\n"},
                SOURCE);
        assertThat(new String(MessageEncoder.of(MessageFormat.JSON, MessageOptions.defaults()).row(row),
                StandardCharsets.UTF_8)).isEqualTo(CanonicalJson.toJson(row));
    }

    @Test
    void schemaChangesInEachFormat() throws Exception {
        SchemaChange ddl = new SchemaChange(ALL.id(), "ALTER TABLE t DROP COLUMN f", ALL, SOURCE);
        JsonNode canal = JSON.readTree(MessageEncoder.of(MessageFormat.CANAL_JSON, MessageOptions.defaults()).ddl(ddl));
        assertThat(canal.get("isDdl").asBoolean()).isTrue();
        assertThat(canal.get("type").asText()).isEqualTo("ALTER");
        assertThat(canal.get("sql").asText()).isEqualTo("ALTER TABLE t DROP COLUMN f");
        JsonNode debezium = JSON.readTree(MessageEncoder.of(MessageFormat.DEBEZIUM_JSON, MessageOptions.defaults())
                .ddl(ddl));
        assertThat(debezium.get("ddl").asText()).isEqualTo("ALTER TABLE t DROP COLUMN f");
        assertThat(debezium.get("databaseName").asText()).isEqualTo("shop");
        JsonNode json = JSON.readTree(MessageEncoder.of(MessageFormat.JSON, MessageOptions.defaults()).ddl(ddl));
        assertThat(json.get("op").asText()).isEqualTo("ddl");
    }
}
