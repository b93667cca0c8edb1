package io.sluice.transforms.aggregate;

import io.sluice.event.SourceInfo;
import io.sluice.event.Values;
import io.sluice.transforms.state.ImmutableRecordSerializer;
import io.sluice.core.types.SerializerTypeInfo;
import io.sluice.transforms.state.ValueIO;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * What one row change does to one group: the measure arguments of the row's old image to
 * retract and of its new image to add (either may be null). An update that stays in its group
 * is one contribution, so the group is emitted once.
 *
 * @param groupKey the encoded group values: the Flink key
 * @param db the database of the input table, for the output table's name
 * @param source where the change came from, passed on to the output
 */
@Internal
record Contribution(String groupKey, Object[] groupValues, String db, SourceInfo source, Object[] retract, Object[] add) {

    static final TypeInformation<Contribution> TYPE = new SerializerTypeInfo<>(Contribution.class, Serializer.INSTANCE);

    @Override
    public boolean equals(Object o) {
        return o instanceof Contribution c && groupKey.equals(c.groupKey) && Values.equal(groupValues, c.groupValues)
                && db.equals(c.db) && source.equals(c.source) && Values.equal(retract, c.retract)
                && Values.equal(add, c.add);
    }

    @Override
    public int hashCode() {
        return groupKey.hashCode();
    }

    /** Serializer of contributions; format version 1. */
    static final class Serializer extends ImmutableRecordSerializer<Contribution> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(Contribution c, DataOutputView out) throws IOException {
            ValueIO.writeString(c.groupKey, out);
            ValueIO.writeValues(c.groupValues, out);
            ValueIO.writeString(c.db, out);
            ValueIO.writeSource(c.source, out);
            ValueIO.writeValues(c.retract, out);
            ValueIO.writeValues(c.add, out);
        }

        @Override
        public Contribution deserialize(DataInputView in) throws IOException {
            return new Contribution(ValueIO.readString(in), ValueIO.readValues(in), ValueIO.readString(in),
                    ValueIO.readSource(in), ValueIO.readValues(in), ValueIO.readValues(in));
        }

        @Override
        public TypeSerializerSnapshot<Contribution> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless contribution serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Contribution> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
