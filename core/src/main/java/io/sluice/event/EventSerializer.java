package io.sluice.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
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
 * Flink's serializer for {@link Event}s: a tagged binary format written field by field, so no
 * Kryo is involved anywhere on the data path. Events are immutable, so {@code copy} shares them.
 *
 * <p>The format is fixed for snapshot version 1 of {@link Snapshot}; a change of the format needs
 * a new snapshot version that can still read the old one.
 */
@Internal
public final class EventSerializer extends TypeSerializerSingleton<Event> {
    private static final long serialVersionUID = 1L;

    public static final EventSerializer INSTANCE = new EventSerializer();

    private static final byte ROW_CHANGE = 0;
    private static final byte SCHEMA_CHANGE = 1;

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

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Event createInstance() {
        return null;
    }

    @Override
    public Event copy(Event from) {
        return from;
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event event, DataOutputView out) throws IOException {
        if (event instanceof RowChange row) {
            out.writeByte(ROW_CHANGE);
            out.writeByte(row.op().ordinal());
            writeTableId(row.table(), out);
            writeSchema(row.schema(), out);
            writeImage(row.before(), out);
            writeImage(row.after(), out);
            writeSource(row.source(), out);
        } else if (event instanceof SchemaChange change) {
            out.writeByte(SCHEMA_CHANGE);
            writeTableId(change.table(), out);
            StringValue.writeString(change.ddl(), out);
            out.writeBoolean(change.schema() != null);
            if (change.schema() != null) {
                writeSchema(change.schema(), out);
            }
            writeSource(change.source(), out);
        } else {
            throw new IllegalArgumentException("not a Sluice event: " + event);
        }
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case ROW_CHANGE:
                Op op = Op.byOrdinal(in.readByte());
                TableId table = readTableId(in);
                TableSchema schema = readSchema(in);
                Object[] before = readImage(in);
                Object[] after = readImage(in);
                return new RowChange(op, table, schema, before, after, readSource(in));
            case SCHEMA_CHANGE:
                TableId changed = readTableId(in);
                String ddl = StringValue.readString(in);
                TableSchema newSchema = in.readBoolean() ? readSchema(in) : null;
                return new SchemaChange(changed, ddl, newSchema, readSource(in));
            default:
                throw new IOException("corrupt event: unknown kind " + kind);
        }
    }

    @Override
    public Event deserialize(Event reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeTableId(TableId id, DataOutputView out) throws IOException {
        StringValue.writeString(id.db(), out);
        StringValue.writeString(id.table(), out);
    }

    private static TableId readTableId(DataInputView in) throws IOException {
        return new TableId(StringValue.readString(in), StringValue.readString(in));
    }

    /** Writes a schema in the format events use; also used by the source's split state. */
    public static void writeSchema(TableSchema schema, DataOutputView out) throws IOException {
        writeTableId(schema.id(), out);
        out.writeShort(schema.size());
        for (Column c : schema.columns()) {
            StringValue.writeString(c.name(), out);
            out.writeByte(c.type().ordinal());
            out.writeBoolean(c.unsigned());
            out.writeInt(c.length());
            out.writeByte(c.scale());
            StringValue.writeString(c.charset(), out);
            out.writeShort(c.labels().size());
            for (String label : c.labels()) {
                StringValue.writeString(label, out);
            }
        }
        out.writeShort(schema.keyColumns().size());
        for (String key : schema.keyColumns()) {
            StringValue.writeString(key, out);
        }
    }

    /** Reads what {@link #writeSchema} wrote. */
    public static TableSchema readSchema(DataInputView in) throws IOException {
        TableId id = readTableId(in);
        int size = in.readUnsignedShort();
        List<Column> columns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String name = StringValue.readString(in);
            ColumnType type = ColumnType.byOrdinal(in.readByte());
            boolean unsigned = in.readBoolean();
            int length = in.readInt();
            int scale = in.readByte();
            String charset = StringValue.readString(in);
            int labelCount = in.readUnsignedShort();
            List<String> labels = labelCount == 0 ? List.of() : new ArrayList<>(labelCount);
            for (int l = 0; l < labelCount; l++) {
                labels.add(StringValue.readString(in));
            }
            columns.add(new Column(name, type, unsigned, length, scale, charset, labels));
        }
        int keyCount = in.readUnsignedShort();
        List<String> key = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            key.add(StringValue.readString(in));
        }
        return new TableSchema(id, columns, key);
    }

    private static void writeImage(Object[] image, DataOutputView out) throws IOException {
        if (image == null) {
            out.writeShort(-1);
            return;
        }
        out.writeShort(image.length);
        for (Object value : image) {
            writeValue(value, out);
        }
    }

    private static Object[] readImage(DataInputView in) throws IOException {
        int length = in.readShort();
        if (length < 0) {
            return null;
        }
        Object[] image = new Object[length];
        for (int i = 0; i < length; i++) {
            image[i] = readValue(in);
        }
        return image;
    }

    /**
     * Writes one value of the types {@link ColumnType} lists, or a List or Map of them; also used by
     * the source's split state for chunk bounds.
     */
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
        } else {
            throw new IllegalArgumentException(
                    "cannot serialise a value of " + value.getClass().getName()
                            + "; event values must be the types io.sluice.event.ColumnType lists"
                            + " (use Values.normalize)");
        }
    }

    /** Reads what {@link #writeValue} wrote. */
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
                throw new IOException("corrupt event: unknown value tag " + tag);
        }
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

    /** Writes a source info in the format events use. */
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

    /** Reads what {@link #writeSource} wrote. */
    public static SourceInfo readSource(DataInputView in) throws IOException {
        return new SourceInfo(
                StringValue.readString(in),
                StringValue.readString(in),
                in.readLong(),
                StringValue.readString(in),
                in.readLong(),
                StringValue.readString(in),
                in.readLong(),
                in.readBoolean());
    }

    /** Snapshot of the stateless event serializer; version 1 is the format above. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
