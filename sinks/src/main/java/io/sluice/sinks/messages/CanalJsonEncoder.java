package io.sluice.sinks.messages;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code canal-json}: Canal's flat message, one row per message. Every value is a string (or JSON
 * null), as Canal writes it; where Canal depends on its server's settings, Sluice fixes one rule:
 *
 * <ul>
 *   <li>DATETIME {@code 2024-01-02 03:04:05[.fff]} (the column's fractional digits); TIMESTAMP the
 *       same in UTC (Canal uses its JVM's zone);
 *   <li>BIGINT UNSIGNED its unsigned value; BIT its unsigned number; BINARY and BLOB the bytes as
 *       ISO-8859-1 text (as Canal); SET the labels joined by commas; JSON the document's text.
 * </ul>
 *
 * {@code id} is the binlog position of the event that carried the row, {@code es} the commit time,
 * {@code ts} the time the message was made. A snapshot row is an INSERT.
 */
final class CanalJsonEncoder implements MessageEncoder {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] row(RowChange row) {
        TableSchema schema = row.schema();
        return MessageJson.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            writeImage(g, schema, row.op() == Op.DELETE ? row.before() : row.after(), null);
            g.writeEndArray();
            g.writeStringField("database", row.table().db());
            g.writeNumberField("es", row.source().timestampMs());
            g.writeStringField("gtid", row.source().gtid() == null ? "" : row.source().gtid());
            g.writeNumberField("id", row.source().position());
            g.writeBooleanField("isDdl", false);
            g.writeObjectFieldStart("mysqlType");
            for (Column c : schema.columns()) {
                g.writeStringField(c.name(), MysqlTypes.text(c));
            }
            g.writeEndObject();
            g.writeFieldName("old");
            if (row.op() == Op.UPDATE) {
                g.writeStartArray();
                writeImage(g, schema, row.before(), row.after());
                g.writeEndArray();
            } else {
                g.writeNull();
            }
            g.writeArrayFieldStart("pkNames");
            for (String key : schema.keyColumns()) {
                g.writeString(key);
            }
            g.writeEndArray();
            g.writeStringField("sql", "");
            g.writeObjectFieldStart("sqlType");
            for (Column c : schema.columns()) {
                g.writeNumberField(c.name(), MysqlTypes.sqlType(c));
            }
            g.writeEndObject();
            g.writeStringField("table", row.table().table());
            g.writeNumberField("ts", System.currentTimeMillis());
            g.writeStringField("type", row.op() == Op.UPDATE ? "UPDATE" : row.op() == Op.DELETE ? "DELETE" : "INSERT");
            g.writeEndObject();
        });
    }

    @Override
    public byte[] ddl(SchemaChange change) {
        return MessageJson.write(g -> {
            g.writeStartObject();
            g.writeNullField("data");
            g.writeStringField("database", change.table().db());
            g.writeNumberField("es", change.source().timestampMs());
            g.writeStringField("gtid", change.source().gtid() == null ? "" : change.source().gtid());
            g.writeNumberField("id", change.source().position());
            g.writeBooleanField("isDdl", true);
            g.writeNullField("mysqlType");
            g.writeNullField("old");
            g.writeNullField("pkNames");
            g.writeStringField("sql", change.ddl());
            g.writeNullField("sqlType");
            g.writeStringField("table", change.table().table());
            g.writeNumberField("ts", System.currentTimeMillis());
            g.writeStringField("type", ddlType(change.ddl()));
            g.writeEndObject();
        });
    }

    /**
     * Canal's event type of a DDL statement, from its first keywords: ALTER, CREATE, ERASE (DROP
     * TABLE), TRUNCATE, RENAME, CINDEX/DINDEX (CREATE/DROP INDEX), else QUERY.
     */
    static String ddlType(String ddl) {
        String[] words = ddl.trim().replaceAll("/\\*.*?\\*/", " ").trim().toUpperCase(Locale.ROOT).split("\\s+");
        String first = words.length > 0 ? words[0] : "";
        boolean index = words.length > 1 && (words[1].equals("INDEX") || words[1].equals("UNIQUE")
                || words[1].equals("FULLTEXT") || words[1].equals("SPATIAL"));
        return switch (first) {
            case "ALTER", "TRUNCATE", "RENAME" -> first;
            case "CREATE" -> index ? "CINDEX" : "CREATE";
            case "DROP" -> index ? "DINDEX" : "ERASE";
            default -> "QUERY";
        };
    }

    /** Writes the row as strings; with {@code onlyChangedFrom}, only the columns whose value differs from it. */
    private static void writeImage(JsonGenerator g, TableSchema schema, Object[] image, Object[] onlyChangedFrom)
            throws IOException {
        g.writeStartObject();
        for (int i = 0; i < image.length; i++) {
            if (onlyChangedFrom != null && Objects.deepEquals(image[i], onlyChangedFrom[i])) {
                continue;
            }
            g.writeFieldName(schema.column(i).name());
            String text = text(image[i], schema.column(i));
            if (text == null) {
                g.writeNull();
            } else {
                g.writeString(text);
            }
        }
        g.writeEndObject();
    }

    /** A value as Canal's string, or null for NULL. */
    static String text(Object value, Column column) {
        if (value == null) {
            return null;
        } else if (value instanceof String || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        } else if (value instanceof BigDecimal v) {
            return v.toPlainString();
        } else if (value instanceof LocalDateTime v) {
            return CanonicalJson.formatDateTime(v, column.scale()).replace('T', ' ');
        } else if (value instanceof Instant v) {
            LocalDateTime utc = LocalDateTime.ofEpochSecond(v.getEpochSecond(), v.getNano(), ZoneOffset.UTC);
            return CanonicalJson.formatDateTime(utc, column.scale()).replace('T', ' ');
        } else if (value instanceof LocalDate v) {
            return v.toString();
        } else if (value instanceof Duration v) {
            return CanonicalJson.formatTime(v, column.scale());
        } else if (value instanceof Boolean v) {
            return v ? "1" : "0";
        } else if (value instanceof byte[] v) {
            return column.type() == ColumnType.BIT ? new BigInteger(1, v).toString()
                    : new String(v, StandardCharsets.ISO_8859_1);
        } else if (value instanceof List<?> v) {
            return String.join(",", v.stream().map(String::valueOf).toList());
        } else if (value instanceof JsonText v) {
            return v.json();
        }
        return value.toString();
    }
}
