package io.sluice.source.enumerator;

import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.BinlogSplitSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Versioned bytes of the enumerator state; the split inside keeps its own version. */
@Internal
public final class BinlogEnumeratorStateSerializer implements SimpleVersionedSerializer<BinlogEnumeratorState> {
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final BinlogEnumeratorStateSerializer INSTANCE = new BinlogEnumeratorStateSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(BinlogEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeBoolean(state.created());
        out.writeBoolean(state.unassigned() != null);
        if (state.unassigned() != null) {
            byte[] split = BinlogSplitSerializer.INSTANCE.serialize(state.unassigned());
            out.writeInt(BinlogSplitSerializer.INSTANCE.getVersion());
            out.writeInt(split.length);
            out.write(split);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public BinlogEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        switch (version) {
            case VERSION_1:
                return readVersion1(new DataInputDeserializer(bytes));
            default:
                throw new IOException(
                        "unknown binlog enumerator state version " + version + "; this Sluice reads versions 1 to "
                                + CURRENT_VERSION);
        }
    }

    private static BinlogEnumeratorState readVersion1(DataInputDeserializer in) throws IOException {
        boolean created = in.readBoolean();
        BinlogSplit split = null;
        if (in.readBoolean()) {
            int splitVersion = in.readInt();
            byte[] splitBytes = new byte[in.readInt()];
            in.readFully(splitBytes);
            split = BinlogSplitSerializer.INSTANCE.deserialize(splitVersion, splitBytes);
        }
        if (in.available() > 0) {
            throw new IOException("binlog enumerator state has " + in.available() + " trailing bytes");
        }
        return new BinlogEnumeratorState(split, created);
    }
}
