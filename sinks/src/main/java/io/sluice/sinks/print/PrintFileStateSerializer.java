package io.sluice.sinks.print;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Versioned bytes of {@link PrintFileState}: version 1 is the path (UTF) and the length (long). */
@Internal
public final class PrintFileStateSerializer implements SimpleVersionedSerializer<PrintFileState> {

    public static final PrintFileStateSerializer INSTANCE = new PrintFileStateSerializer();

    static final int VERSION_1 = 1;
    private static final int CURRENT = VERSION_1;

    private PrintFileStateSerializer() {}

    @Override
    public int getVersion() {
        return CURRENT;
    }

    @Override
    public byte[] serialize(PrintFileState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(state.path());
        out.writeLong(state.length());
        return out.getCopyOfBuffer();
    }

    @Override
    public PrintFileState deserialize(int version, byte[] bytes) throws IOException {
        switch (version) {
            case VERSION_1:
                DataInputDeserializer in = new DataInputDeserializer(bytes);
                PrintFileState state = new PrintFileState(in.readUTF(), in.readLong());
                if (in.available() > 0) {
                    throw new IOException(in.available() + " unexpected trailing bytes in print sink state v"
                            + version);
                }
                return state;
            default:
                throw new IOException("unknown print sink state version " + version
                        + "; this build reads versions up to " + CURRENT);
        }
    }
}
