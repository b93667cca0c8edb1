package io.sluice.event.json;

import io.sluice.event.Column;
import io.sluice.event.Event;
import io.sluice.event.JsonText;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableSchema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.annotation.PublicEvolving;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Sluice's canonical JSON (DESIGN.md): one encoding of events and column values shared by the
 * print sink, Redis JSON values, Elasticsearch documents and error records.
 */
@PublicEvolving
public final class CanonicalJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {}

    /** An event as one line of JSON. */
    public static String toJson(Event event) {
        return write(gen -> writeEvent(gen, event));
    }

    /** The columns of a row image as a JSON object, in table order. */
    public static String toJson(TableSchema schema, Object[] image) {
        return write(gen -> writeImage(gen, schema, image));
    }

    /** One value as JSON, formatted for its column (which may be null for computed values). */
    public static String valueToJson(Object value, Column column) {
        return write(gen -> writeValue(gen, value, column));
    }

    /** Writes {@code {"op":..,"db":..,"table":..,"key":[..],"before":..,"after":..,"source":{..}}}. */
    public static void writeEvent(JsonGenerator gen, Event event) throws IOException {
        gen.writeStartObject();
        if (event instanceof RowChange row) {
            gen.writeStringField("op", row.op().code());
            gen.writeStringField("db", row.table().db());
            gen.writeStringField("table", row.table().table());
            gen.writeArrayFieldStart("key");
            for (String key : row.schema().keyColumns()) {
                gen.writeString(key);
            }
            gen.writeEndArray();
            gen.writeFieldName("before");
            writeImage(gen, row.schema(), row.before());
            gen.writeFieldName("after");
            writeImage(gen, row.schema(), row.after());
        } else if (event instanceof SchemaChange change) {
            gen.writeStringField("op", "ddl");
            gen.writeStringField("db", change.table().db());
            gen.writeStringField("table", change.table().table());
            gen.writeStringField("ddl", change.ddl());
            gen.writeFieldName("schema");
            writeSchema(gen, change.schema());
        }
        gen.writeFieldName("source");
        writeSource(gen, event.source());
        gen.writeEndObject();
    }

    public static void writeImage(JsonGenerator gen, TableSchema schema, Object[] image)
            throws IOException {
        if (image == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        for (int i = 0; i < image.length; i++) {
            Column column = schema.column(i);
            gen.writeFieldName(column.name());
            writeValue(gen, image[i], column);
        }
        gen.writeEndObject();
    }

    private static void writeSchema(JsonGenerator gen, TableSchema schema) throws IOException {
        if (schema == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeArrayFieldStart("columns");
        for (Column c : schema.columns()) {
            gen.writeStartObject();
            gen.writeStringField("name", c.name());
            gen.writeStringField("type", c.type().name());
            if (c.unsigned()) {
                gen.writeBooleanField("unsigned", true);
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("key");
        for (String key : schema.keyColumns()) {
            gen.writeString(key);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void writeSource(JsonGenerator gen, SourceInfo s) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("db", s.db());
        gen.writeStringField("table", s.table());
        gen.writeNumberField("server_id", s.serverId());
        gen.writeStringField("file", s.file());
        gen.writeNumberField("pos", s.position());
        gen.writeStringField("gtid", s.gtid());
        gen.writeNumberField("ts_ms", s.timestampMs());
        gen.writeBooleanField("snapshot", s.snapshot());
        gen.writeEndObject();
    }

    /**
     * Writes one value. The column gives the fractional-second digits of temporal values; without
     * one (a computed value), they are printed as needed, in groups of three.
     */
    public static void writeValue(JsonGenerator gen, Object value, Column column)
            throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof Long v) {
            gen.writeNumber(v);
        } else if (value instanceof String v) {
            gen.writeString(v);
        } else if (value instanceof BigDecimal v) {
            gen.writeString(v.toPlainString());
        } else if (value instanceof LocalDateTime v) {
            gen.writeString(formatDateTime(v, digits(column, v.getNano())));
        } else if (value instanceof Instant v) {
            LocalDateTime utc = LocalDateTime.ofEpochSecond(v.getEpochSecond(), v.getNano(), ZoneOffset.UTC);
            gen.writeString(formatDateTime(utc, digits(column, v.getNano())) + "Z");
        } else if (value instanceof LocalDate v) {
            gen.writeString(v.toString());
        } else if (value instanceof Duration v) {
            gen.writeString(formatTime(v, digits(column, v.getNano())));
        } else if (value instanceof Double v) {
            gen.writeNumber(v);
        } else if (value instanceof Float v) {
            gen.writeNumber(v);
        } else if (value instanceof BigInteger v) {
            gen.writeNumber(v);
        } else if (value instanceof Boolean v) {
            gen.writeBoolean(v);
        } else if (value instanceof byte[] v) {
            gen.writeString(Base64.getEncoder().encodeToString(v));
        } else if (value instanceof JsonText v) {
            gen.writeRawValue(v.json());
        } else if (value instanceof List<?> v) {
            gen.writeStartArray();
            for (Object element : v) {
                writeValue(gen, element, null);
            }
            gen.writeEndArray();
        } else if (value instanceof Map<?, ?> v) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : v.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                writeValue(gen, e.getValue(), null);
            }
            gen.writeEndObject();
        } else if (value instanceof Number v) {
            gen.writeNumber(v.toString());
        } else {
            gen.writeString(value.toString());
        }
    }

    /**
     * The text a scalar value has in canonical JSON, without building JSON: a string's content
     * (unquoted), a number's digits, {@code true}/{@code false}; null for a JSON column value, a
     * SET (array) or a map, which only JSON can carry. Hash fields and key templates use it.
     */
    public static String scalarText(Object value, Column column) {
        if (value instanceof String v) {
            return v;
        } else if (value instanceof Long || value instanceof BigInteger || value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof BigDecimal v) {
            return v.toPlainString();
        } else if (value instanceof LocalDateTime v) {
            return formatDateTime(v, digits(column, v.getNano()));
        } else if (value instanceof Instant v) {
            LocalDateTime utc = LocalDateTime.ofEpochSecond(v.getEpochSecond(), v.getNano(), ZoneOffset.UTC);
            return formatDateTime(utc, digits(column, v.getNano())) + "Z";
        } else if (value instanceof LocalDate v) {
            return v.toString();
        } else if (value instanceof Duration v) {
            return formatTime(v, digits(column, v.getNano()));
        } else if (value instanceof Double v) {
            return Double.toString(v);
        } else if (value instanceof Float v) {
            return Float.toString(v);
        } else if (value instanceof byte[] v) {
            return Base64.getEncoder().encodeToString(v);
        } else if (value == null || value instanceof JsonText || value instanceof List<?> || value instanceof Map<?, ?>) {
            return null;
        }
        return value.toString();
    }

    private static int digits(Column column, int nanos) {
        if (column != null) {
            return column.scale();
        }
        if (nanos == 0) {
            return 0;
        }
        return nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
    }

    /** {@code 2020-07-17T18:00:22.123456} with exactly {@code digits} fraction digits. */
    public static String formatDateTime(LocalDateTime v, int digits) {
        StringBuilder sb = new StringBuilder(32);
        sb.append(v.toLocalDate()).append('T');
        LocalTime t = v.toLocalTime();
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        return appendFraction(sb, t.getNano(), digits).toString();
    }

    /** {@code 18:00:22}, {@code -838:59:59}, {@code 100:00:00.5}: signed, hours may exceed 24. */
    public static String formatTime(Duration v, int digits) {
        StringBuilder sb = new StringBuilder(20);
        Duration abs = v;
        if (v.isNegative()) {
            sb.append('-');
            abs = v.negated();
        }
        long seconds = abs.getSeconds();
        pad(sb, seconds / 3600, 2).append(':');
        pad(sb, seconds / 60 % 60, 2).append(':');
        pad(sb, seconds % 60, 2);
        return appendFraction(sb, abs.getNano(), digits).toString();
    }

    private static StringBuilder appendFraction(StringBuilder sb, int nanos, int digits) {
        if (digits > 0) {
            sb.append('.');
            String n = Integer.toString(nanos);
            for (int i = n.length(); i < 9; i++) {
                sb.append('0');
            }
            sb.append(n);
            sb.setLength(sb.length() - (9 - Math.min(digits, 9)));
        }
        return sb;
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private interface Writer {
        void write(JsonGenerator gen) throws IOException;
    }

    private static String write(Writer writer) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writer.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
