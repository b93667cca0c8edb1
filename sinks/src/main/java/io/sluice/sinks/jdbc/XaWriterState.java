package io.sluice.sinks.jdbc;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;

/**
 * The XA writer keeps no state of its own (prepared transactions travel as committables); it is
 * stateful only so that Flink tells it each checkpoint's id, which names its next transaction.
 */
enum XaWriterState {
    INSTANCE;

    /** Writes nothing; reads nothing. */
    static final class Serializer implements SimpleVersionedSerializer<XaWriterState> {
        static final int VERSION_1 = 1;

        @Override
        public int getVersion() {
            return VERSION_1;
        }

        @Override
        public byte[] serialize(XaWriterState state) {
            return new byte[0];
        }

        @Override
        public XaWriterState deserialize(int version, byte[] bytes) throws IOException {
            if (version != VERSION_1) {
                throw new IOException("unknown XA writer state version " + version + "; this build reads version "
                        + VERSION_1);
            }
            if (bytes.length != 0) {
                throw new IOException(bytes.length + " unexpected bytes in an XA writer state");
            }
            return INSTANCE;
        }
    }
}
