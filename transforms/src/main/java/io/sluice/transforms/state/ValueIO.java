package io.sluice.transforms.state;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;
import io.sluice.event.SourceInfo;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary reading and writing of event values (the Java types {@link ColumnType} lists, and
 * lists and maps of them), columns and source infos, for the state and message serializers of
 * the transforms. A tagged format; tags are part of the state format: never renumber them.
 */
@Internal
public final class ValueIO {
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte BIG_INTEGER = 2;
    private static final byte DECIMAL = 3;
    private static final byte FLOAT = 4;
    private static final byte DOUBLE = 5;
    private static final byte STRING = 6;
    private static final byte BYTES = 7;
    private static final byte BOOLEAN = 8;
    private static final byte DATE = 9;
    private static final byte DATETIME = 10;
    private static final byte INSTANT = 11;
    private static final byte DURATION = 12;
    private static final byte LIST = 13;
    private static final byte MAP = 14;
    private static final byte JSON = 15;

    private static final ColumnType[] TYPES = ColumnType.values();

    private ValueIO() {}

    public static void writeValue(Object value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Long v) {
            out.writeByte(LONG);
            out.writeLong(v);
        } else if (value instanceof String v) {
            out.writeByte(STRING);
            StringValue.writeString(v, out);
        } else if (value instanceof BigDecimal v) {
            out.writeByte(DECIMAL);
            out.writeInt(v.scale());
            writeBytes(v.unscaledValue().toByteArray(), out);
        } else if (value instanceof LocalDateTime v) {
            out.writeByte(DATETIME);
            out.writeLong(v.toEpochSecond(ZoneOffset.UTC));
            out.writeInt(v.getNano());
        } else if (value instanceof Instant v) {
            out.writeByte(INSTANT);
            out.writeLong(v.getEpochSecond());
            out.writeInt(v.getNano());
        } else if (value instanceof LocalDate v) {
            out.writeByte(DATE);
            out.writeLong(v.toEpochDay());
        } else if (value instanceof byte[] v) {
            out.writeByte(BYTES);
            writeBytes(v, out);
        } else if (value instanceof Double v) {
            out.writeByte(DOUBLE);
            out.writeDouble(v);
        } else if (value instanceof Float v) {
            out.writeByte(FLOAT);
            out.writeFloat(v);
        } else if (value instanceof BigInteger v) {
            out.writeByte(BIG_INTEGER);
            writeBytes(v.toByteArray(), out);
        } else if (value instanceof Boolean v) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(v);
        } else if (value instanceof Duration v) {
            out.writeByte(DURATION);
            out.writeLong(v.getSeconds());
            out.writeInt(v.getNano());
        } else if (value instanceof JsonText v) {
            out.writeByte(JSON);
            StringValue.writeString(v.json(), out);
        } else if (value instanceof List<?> v) {
            out.writeByte(LIST);
            out.writeInt(v.size());
            for (Object element : v) {
                writeValue(element, out);
            }
        } else if (value instanceof Map<?, ?> v) {
            out.writeByte(MAP);
            out.writeInt(v.size());
            for (Map.Entry<?, ?> e : v.entrySet()) {
                StringValue.writeString((String) e.getKey(), out);
                writeValue(e.getValue(), out);
            }
        } else if (value instanceof Number v) {
            // Integer, Short, Byte from computations: events carry them as Long
            out.writeByte(LONG);
            out.writeLong(v.longValue());
        } else {
            throw new IllegalArgumentException("cannot store a value of " + value.getClass().getName()
                    + "; values must be the types io.sluice.event.ColumnType lists");
        }
    }

    public static Object readValue(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case LONG:
                return in.readLong();
            case STRING:
                return StringValue.readString(in);
            case DECIMAL:
                int scale = in.readInt();
                return new BigDecimal(new BigInteger(readBytes(in)), scale);
            case DATETIME:
                return LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC);
            case INSTANT:
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case BYTES:
                return readBytes(in);
            case DOUBLE:
                return in.readDouble();
            case FLOAT:
                return in.readFloat();
            case BIG_INTEGER:
                return new BigInteger(readBytes(in));
            case BOOLEAN:
                return in.readBoolean();
            case DURATION:
                return Duration.ofSeconds(in.readLong(), in.readInt());
            case JSON:
                return new JsonText(StringValue.readString(in));
            case LIST:
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return Collections.unmodifiableList(list);
            case MAP:
                int entries = in.readInt();
                Map<String, Object> map = new LinkedHashMap<>(entries * 2);
                for (int i = 0; i < entries; i++) {
                    map.put(StringValue.readString(in), readValue(in));
                }
                return Collections.unmodifiableMap(map);
            default:
                throw new IOException("corrupt state: unknown value tag " + tag);
        }
    }

    /** Writes an array of values (null allowed). */
    public static void writeValues(Object[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (Object v : values) {
            writeValue(v, out);
        }
    }

    public static Object[] readValues(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        Object[] values = new Object[length];
        for (int i = 0; i < length; i++) {
            values[i] = readValue(in);
        }
        return values;
    }

    /** Writes a column without its charset and labels (values are already decoded). */
    public static void writeColumn(Column c, DataOutputView out) throws IOException {
        StringValue.writeString(c.name(), out);
        out.writeByte(c.type().ordinal());
        out.writeBoolean(c.unsigned());
        out.writeInt(c.length());
        out.writeByte(c.scale());
    }

    public static Column readColumn(DataInputView in) throws IOException {
        String name = StringValue.readString(in);
        ColumnType type = TYPES[in.readByte()];
        boolean unsigned = in.readBoolean();
        int length = in.readInt();
        int scale = in.readByte();
        return new Column(name, type, unsigned, length, scale, null, List.of());
    }

    public static void writeSource(SourceInfo s, DataOutputView out) throws IOException {
        StringValue.writeString(s.db(), out);
        StringValue.writeString(s.table(), out);
        out.writeLong(s.serverId());
        StringValue.writeString(s.file(), out);
        out.writeLong(s.position());
        StringValue.writeString(s.gtid(), out);
        out.writeLong(s.timestampMs());
        out.writeBoolean(s.snapshot());
    }

    public static SourceInfo readSource(DataInputView in) throws IOException {
        return new SourceInfo(StringValue.readString(in), StringValue.readString(in), in.readLong(),
                StringValue.readString(in), in.readLong(), StringValue.readString(in), in.readLong(), in.readBoolean());
    }

    /** A nullable string. */
    public static void writeString(String s, DataOutputView out) throws IOException {
        StringValue.writeString(s, out);
    }

    public static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    private static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
