package io.sluice.transforms.state;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.EventSerializer;
import io.sluice.event.SourceInfo;
import io.sluice.event.Values;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.List;

/**
 * Binary reading and writing of event values (in {@link EventSerializer}'s tagged format, which
 * is thereby also part of the transforms' state format), rows, columns and source infos, for the
 * state and message serializers of the transforms.
 */
@Internal
public final class ValueIO {
    private static final ColumnType[] TYPES = ColumnType.values();

    private ValueIO() {}

    /**
     * Writes a value in the events' own format ({@link EventSerializer#writeValue}); integers of
     * other widths from computations are stored as {@link Long}, as events carry them.
     */
    public static void writeValue(Object value, DataOutputView out) throws IOException {
        EventSerializer.writeValue(Values.normalizeDeep(value), out);
    }

    public static Object readValue(DataInputView in) throws IOException {
        return EventSerializer.readValue(in);
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
        EventSerializer.writeSource(s, out);
    }

    public static SourceInfo readSource(DataInputView in) throws IOException {
        return EventSerializer.readSource(in);
    }

    /** A nullable string. */
    public static void writeString(String s, DataOutputView out) throws IOException {
        StringValue.writeString(s, out);
    }

    public static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }
}
