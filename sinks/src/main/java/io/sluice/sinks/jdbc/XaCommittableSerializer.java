package io.sluice.sinks.jdbc;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Serializes {@link XaCommittable}s in checkpoints: format id, then the global id and branch as length-prefixed bytes. */
final class XaCommittableSerializer implements SimpleVersionedSerializer<XaCommittable> {
    static final int VERSION_1 = 1;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(XaCommittable xid) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(xid.formatId());
        out.writeInt(xid.globalId().length);
        out.write(xid.globalId());
        out.writeInt(xid.branch().length);
        out.write(xid.branch());
        return out.getCopyOfBuffer();
    }

    @Override
    public XaCommittable deserialize(int version, byte[] bytes) throws IOException {
        switch (version) {
            case VERSION_1: {
                DataInputDeserializer in = new DataInputDeserializer(bytes);
                int formatId = in.readInt();
                byte[] global = new byte[in.readInt()];
                in.readFully(global);
                byte[] branch = new byte[in.readInt()];
                in.readFully(branch);
                if (in.available() > 0) {
                    throw new IOException(in.available() + " unexpected trailing bytes in an XA committable");
                }
                return new XaCommittable(formatId, global, branch);
            }
            default:
                throw new IOException("unknown XA committable version " + version + "; this build reads version "
                        + VERSION_1);
        }
    }
}
