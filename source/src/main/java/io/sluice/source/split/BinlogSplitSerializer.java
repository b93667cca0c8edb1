package io.sluice.source.split;

import io.sluice.event.EventSerializer;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Versioned bytes of a {@link BinlogSplit}; every version ever written stays readable. */
@Internal
public final class BinlogSplitSerializer implements SimpleVersionedSerializer<BinlogSplit> {
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final BinlogSplitSerializer INSTANCE = new BinlogSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(BinlogSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public BinlogSplit deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        BinlogSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException("binlog split of version " + version + " has " + in.available() + " trailing bytes");
        }
        return split;
    }

    static void write(BinlogSplit split, DataOutputView out) throws IOException {
        writePosition(split.start(), out);
        out.writeBoolean(split.stop() != null);
        if (split.stop() != null) {
            writePosition(split.stop(), out);
        }
        out.writeInt(split.schemas().size());
        // sorted, so the same split always gives the same bytes
        for (TableSchema schema : new java.util.TreeMap<>(split.schemas()).values()) {
            EventSerializer.writeSchema(schema, out);
        }
    }

    static BinlogSplit read(int version, DataInputView in) throws IOException {
        switch (version) {
            case VERSION_1:
                BinlogPosition start = readPosition(in);
                BinlogPosition stop = in.readBoolean() ? readPosition(in) : null;
                int count = in.readInt();
                Map<TableId, TableSchema> schemas = new HashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    TableSchema schema = EventSerializer.readSchema(in);
                    schemas.put(schema.id(), schema);
                }
                return new BinlogSplit(start, stop, schemas);
            default:
                throw new IOException(
                        "unknown binlog split version " + version + "; this Sluice reads versions 1 to " + CURRENT_VERSION);
        }
    }

    public static void writePosition(BinlogPosition p, DataOutputView out) throws IOException {
        out.writeUTF(p.file());
        out.writeLong(p.position());
        out.writeBoolean(p.gtidSet() != null);
        if (p.gtidSet() != null) {
            byte[] gtid = p.gtidSet().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(gtid.length);
            out.write(gtid);
        }
        out.writeLong(p.eventsToSkip());
        out.writeLong(p.rowsToSkip());
    }

    public static BinlogPosition readPosition(DataInputView in) throws IOException {
        String file = in.readUTF();
        long position = in.readLong();
        String gtid = null;
        if (in.readBoolean()) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            gtid = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return new BinlogPosition(file, position, gtid, in.readLong(), in.readLong());
    }
}
