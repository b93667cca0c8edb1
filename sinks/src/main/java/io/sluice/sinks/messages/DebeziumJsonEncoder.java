package io.sluice.sinks.messages;

import io.sluice.event.Column;
import io.sluice.event.JsonText;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code debezium-json}: Debezium's change event envelope as its JsonConverter writes it, with
 * Debezium's default value representations ({@code time.precision.mode=adaptive_time_microseconds}):
 * DATE as days since the epoch, DATETIME as epoch milliseconds (micros above 3 fractional digits),
 * TIMESTAMP as an ISO-8601 text in UTC, TIME as microseconds, BINARY and BIT(n) as base64 bytes
 * (BIT little-endian, as Debezium), BIT(1) as a boolean, SET as the labels joined by commas, JSON
 * as text, DECIMAL by {@link MessageOptions.DecimalHandling}. Where Debezium would wrap a BIGINT
 * UNSIGNED above 2^63 into a negative number, Sluice writes the true value. With
 * {@code includeSchema}, the message is {@code {"schema": .., "payload": ..}} with Connect schemas
 * named as Debezium names them.
 */
final class DebeziumJsonEncoder implements MessageEncoder {
    private static final long serialVersionUID = 1L;

    private final MessageOptions options;
    private transient Map<TableSchema, String> schemas;

    DebeziumJsonEncoder(MessageOptions options) {
        this.options = options;
    }

    @Override
    public byte[] row(RowChange row) {
        TableSchema schema = row.schema();
        return MessageJson.write(g -> {
            if (options.includeSchema()) {
                g.writeStartObject();
                g.writeFieldName("schema");
                g.writeRawValue(schemaOf(schema));
                g.writeFieldName("payload");
            }
            g.writeStartObject();
            g.writeFieldName("before");
            writeImage(g, schema, row.op() == Op.INSERT || row.op() == Op.READ ? null : row.before());
            g.writeFieldName("after");
            writeImage(g, schema, row.op() == Op.DELETE ? null : row.after());
            g.writeFieldName("source");
            writeSource(g, row.source());
            g.writeStringField("op", row.op().code());
            g.writeNumberField("ts_ms", System.currentTimeMillis());
            g.writeNullField("transaction");
            g.writeEndObject();
            if (options.includeSchema()) {
                g.writeEndObject();
            }
        });
    }

    /** Debezium's schema change event (its schema history topic's value), without {@code tableChanges}. */
    @Override
    public byte[] ddl(SchemaChange change) {
        return MessageJson.write(g -> {
            g.writeStartObject();
            g.writeFieldName("source");
            writeSource(g, change.source());
            g.writeNumberField("ts_ms", System.currentTimeMillis());
            g.writeStringField("databaseName", change.table().db());
            g.writeNullField("schemaName");
            g.writeStringField("ddl", change.ddl());
            g.writeArrayFieldStart("tableChanges");
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void writeSource(JsonGenerator g, SourceInfo s) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", "sluice");
        g.writeStringField("connector", "mysql");
        g.writeStringField("name", options.serverName());
        g.writeNumberField("ts_ms", s.timestampMs());
        g.writeStringField("snapshot", s.snapshot() ? "true" : "false");
        g.writeStringField("db", s.db());
        g.writeNullField("sequence");
        g.writeStringField("table", s.table());
        g.writeNumberField("server_id", s.serverId());
        g.writeStringField("gtid", s.gtid());
        g.writeStringField("file", s.file());
        g.writeNumberField("pos", s.position());
        g.writeNumberField("row", 0);
        g.writeNullField("thread");
        g.writeNullField("query");
        g.writeEndObject();
    }

    private void writeImage(JsonGenerator g, TableSchema schema, Object[] image) throws IOException {
        if (image == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (int i = 0; i < image.length; i++) {
            g.writeFieldName(schema.column(i).name());
            writeValue(g, image[i], schema.column(i));
        }
        g.writeEndObject();
    }

    private void writeValue(JsonGenerator g, Object value, Column c) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (c.type()) {
            case DECIMAL -> {
                BigDecimal v = (BigDecimal) value;
                switch (options.decimals()) {
                    case PRECISE -> g.writeString(Base64.getEncoder().encodeToString(v.unscaledValue().toByteArray()));
                    case STRING -> g.writeString(v.toPlainString());
                    case DOUBLE -> g.writeNumber(v.doubleValue());
                }
            }
            case BIT -> {
                if (value instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (c.length() <= 1) {
                    g.writeBoolean(((Number) value).longValue() != 0); // the schema says boolean for BIT(1)
                } else {
                    g.writeString(Base64.getEncoder().encodeToString(littleEndianBits(value, c.length())));
                }
            }
            // a zero date the source keeps as text has no value in Debezium's types: null, as Debezium writes it
            case DATE -> {
                if (value instanceof LocalDate d) {
                    g.writeNumber(d.toEpochDay());
                } else {
                    g.writeNull();
                }
            }
            case DATETIME -> {
                if (value instanceof LocalDateTime v) {
                    Instant t = v.toInstant(ZoneOffset.UTC);
                    g.writeNumber(c.scale() <= 3 ? t.toEpochMilli()
                            : t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
                } else {
                    g.writeNull();
                }
            }
            case TIMESTAMP -> {
                if (value instanceof Instant v) {
                    LocalDateTime utc = LocalDateTime.ofEpochSecond(v.getEpochSecond(), v.getNano(), ZoneOffset.UTC);
                    g.writeString(CanonicalJson.formatDateTime(utc, c.scale()) + "Z");
                } else {
                    g.writeNull();
                }
            }
            case TIME -> {
                Duration d = (Duration) value;
                g.writeNumber(d.getSeconds() * 1_000_000L + d.getNano() / 1_000);
            }
            case BINARY -> g.writeString(Base64.getEncoder().encodeToString((byte[]) value));
            case SET -> g.writeString(String.join(",", ((List<?>) value).stream().map(String::valueOf).toList()));
            case JSON -> g.writeString(((JsonText) value).json());
            case FLOAT -> g.writeNumber(((Number) value).floatValue());
            case DOUBLE -> g.writeNumber(((Number) value).doubleValue());
            default -> {
                if (value instanceof Long v) {
                    g.writeNumber(v);
                } else if (value instanceof BigInteger v) {
                    g.writeNumber(v);
                } else {
                    g.writeString(value.toString());
                }
            }
        }
    }

    /** A BIT value's bytes as Debezium writes them: little-endian, (n + 7) / 8 bytes. */
    private static byte[] littleEndianBits(Object value, int bits) {
        int length = Math.max(1, (Math.max(1, bits) + 7) / 8);
        byte[] out = new byte[length];
        if (value instanceof byte[] bigEndian) {
            for (int i = 0; i < length && i < bigEndian.length; i++) {
                out[i] = bigEndian[bigEndian.length - 1 - i];
            }
        } else {
            long v = ((Number) value).longValue();
            for (int i = 0; i < length; i++) {
                out[i] = (byte) (v >>> (8 * i));
            }
        }
        return out;
    }

    /** The Connect schema of the envelope for a table, as JSON text (made once per table schema). */
    private String schemaOf(TableSchema schema) {
        if (schemas == null) {
            schemas = new HashMap<>();
        }
        return schemas.computeIfAbsent(schema, s -> new String(MessageJson.write(g -> writeEnvelopeSchema(g, s)),
                StandardCharsets.UTF_8));
    }

    private void writeEnvelopeSchema(JsonGenerator g, TableSchema schema) throws IOException {
        String prefix = options.serverName() + "." + schema.id().db() + "." + schema.id().table();
        g.writeStartObject();
        g.writeStringField("type", "struct");
        g.writeArrayFieldStart("fields");
        writeRowSchema(g, schema, prefix + ".Value", "before");
        writeRowSchema(g, schema, prefix + ".Value", "after");
        writeSourceSchema(g);
        field(g, "string", false, "op");
        field(g, "int64", true, "ts_ms");
        g.writeEndArray();
        g.writeBooleanField("optional", false);
        g.writeStringField("name", prefix + ".Envelope");
        g.writeNumberField("version", 1);
        g.writeEndObject();
    }

    private void writeRowSchema(JsonGenerator g, TableSchema schema, String name, String field) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "struct");
        g.writeArrayFieldStart("fields");
        for (Column c : schema.columns()) {
            g.writeStartObject();
            ConnectType t = connectType(c);
            g.writeStringField("type", t.type);
            g.writeBooleanField("optional", !schema.keyColumns().contains(c.name()));
            if (t.name != null) {
                g.writeStringField("name", t.name);
                g.writeNumberField("version", 1);
            }
            if (!t.parameters.isEmpty()) {
                g.writeObjectFieldStart("parameters");
                for (Map.Entry<String, String> p : t.parameters.entrySet()) {
                    g.writeStringField(p.getKey(), p.getValue());
                }
                g.writeEndObject();
            }
            g.writeStringField("field", c.name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("optional", true);
        g.writeStringField("name", name);
        g.writeStringField("field", field);
        g.writeEndObject();
    }

    private static void writeSourceSchema(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "struct");
        g.writeArrayFieldStart("fields");
        field(g, "string", false, "version");
        field(g, "string", false, "connector");
        field(g, "string", false, "name");
        field(g, "int64", false, "ts_ms");
        field(g, "string", true, "snapshot");
        field(g, "string", false, "db");
        field(g, "string", true, "sequence");
        field(g, "string", true, "table");
        field(g, "int64", false, "server_id");
        field(g, "string", true, "gtid");
        field(g, "string", false, "file");
        field(g, "int64", false, "pos");
        field(g, "int32", false, "row");
        field(g, "int64", true, "thread");
        field(g, "string", true, "query");
        g.writeEndArray();
        g.writeBooleanField("optional", false);
        g.writeStringField("name", "io.debezium.connector.mysql.Source");
        g.writeStringField("field", "source");
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String type, boolean optional, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeBooleanField("optional", optional);
        g.writeStringField("field", name);
        g.writeEndObject();
    }

    private record ConnectType(String type, String name, Map<String, String> parameters) {
        static ConnectType of(String type) {
            return new ConnectType(type, null, Map.of());
        }
    }

    private ConnectType connectType(Column c) {
        return switch (c.type()) {
            case TINYINT -> ConnectType.of("int16");
            case SMALLINT -> ConnectType.of(c.unsigned() ? "int32" : "int16");
            case MEDIUMINT -> ConnectType.of("int32");
            case INT -> ConnectType.of(c.unsigned() ? "int64" : "int32");
            case BIGINT -> ConnectType.of("int64");
            case YEAR -> new ConnectType("int32", "io.debezium.time.Year", Map.of());
            case DECIMAL -> switch (options.decimals()) {
                case PRECISE -> new ConnectType("bytes", "org.apache.kafka.connect.data.Decimal", Map.of(
                        "scale", Integer.toString(c.scale()), "connect.decimal.precision",
                        Integer.toString(c.length() > 0 ? c.length() : 65)));
                case STRING -> ConnectType.of("string");
                case DOUBLE -> ConnectType.of("double");
            };
            case FLOAT -> ConnectType.of("float");
            case DOUBLE -> ConnectType.of("double");
            case BIT -> c.length() <= 1 ? ConnectType.of("boolean")
                    : new ConnectType("bytes", "io.debezium.data.Bits", Map.of("length", Integer.toString(c.length())));
            case DATE -> new ConnectType("int32", "io.debezium.time.Date", Map.of());
            case DATETIME -> new ConnectType("int64",
                    c.scale() <= 3 ? "io.debezium.time.Timestamp" : "io.debezium.time.MicroTimestamp", Map.of());
            case TIMESTAMP -> new ConnectType("string", "io.debezium.time.ZonedTimestamp", Map.of());
            case TIME -> new ConnectType("int64", "io.debezium.time.MicroTime", Map.of());
            case ENUM -> new ConnectType("string", "io.debezium.data.Enum", Map.of("allowed", String.join(",", c.labels())));
            case SET -> new ConnectType("string", "io.debezium.data.EnumSet", Map.of("allowed", String.join(",", c.labels())));
            case JSON -> new ConnectType("string", "io.debezium.data.Json", Map.of());
            case BINARY -> ConnectType.of("bytes");
            case STRING, GEOMETRY -> ConnectType.of("string");
        };
    }
}
