package io.sluice.transforms.aggregate;

import io.sluice.transforms.state.ImmutableRecordSerializer;
import io.sluice.transforms.state.ValueIO;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** One entry of a group's multiset of values (for min, max, count_distinct): a value and how many rows hold it. */
@Internal
record ValueCount(Object value, long count) {

    /** Serializer of multiset entries; format version 1. */
    static final class Serializer extends ImmutableRecordSerializer<ValueCount> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(ValueCount v, DataOutputView out) throws IOException {
            ValueIO.writeValue(v.value, out);
            out.writeLong(v.count);
        }

        @Override
        public ValueCount deserialize(DataInputView in) throws IOException {
            return new ValueCount(ValueIO.readValue(in), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<ValueCount> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless multiset entry serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ValueCount> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
