package io.sluice.transforms.aggregate;

import io.sluice.event.Values;
import io.sluice.transforms.state.ValueIO;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The running values of one group, per measure: non-null counts, exact sums (doubles are summed
 * as exact decimals, so retractions never drift), current min and max, distinct counts. The
 * values behind min, max and count_distinct live in the group's multiset (map state); this holds
 * only the results. Mutable: its serializer deep-copies.
 */
@Internal
final class GroupAccumulator {
    static final byte KIND_NONE = 0;
    static final byte KIND_INTEGER = 1;
    static final byte KIND_DECIMAL = 2;
    static final byte KIND_FLOAT = 3;

    long rows;
    final Object[] groupValues;
    final long[] nonNull;
    final BigDecimal[] sums;
    final byte[] sumKinds;
    final Object[] mins;
    final Object[] maxes;
    /** Per multiset slot. */
    final long[] distinct;

    GroupAccumulator(Object[] groupValues, int measures, int slots) {
        this.groupValues = groupValues;
        this.nonNull = new long[measures];
        this.sums = new BigDecimal[measures];
        this.sumKinds = new byte[measures];
        this.mins = new Object[measures];
        this.maxes = new Object[measures];
        this.distinct = new long[slots];
    }

    GroupAccumulator copy() {
        GroupAccumulator c = new GroupAccumulator(groupValues.clone(), nonNull.length, distinct.length);
        c.rows = rows;
        System.arraycopy(nonNull, 0, c.nonNull, 0, nonNull.length);
        System.arraycopy(sums, 0, c.sums, 0, sums.length);
        System.arraycopy(sumKinds, 0, c.sumKinds, 0, sumKinds.length);
        System.arraycopy(mins, 0, c.mins, 0, mins.length);
        System.arraycopy(maxes, 0, c.maxes, 0, maxes.length);
        System.arraycopy(distinct, 0, c.distinct, 0, distinct.length);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupAccumulator a && rows == a.rows && Values.equal(groupValues, a.groupValues)
                && Arrays.equals(nonNull, a.nonNull) && Arrays.equals(sums, a.sums) && Arrays.equals(sumKinds, a.sumKinds)
                && Values.equal(mins, a.mins) && Values.equal(maxes, a.maxes) && Arrays.equals(distinct, a.distinct);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rows) * 31 + Values.hash(groupValues);
    }

    /** Serializer of group accumulators; format version 1. */
    static final class Serializer extends TypeSerializerSingleton<GroupAccumulator> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public GroupAccumulator createInstance() {
            return null;
        }

        @Override
        public GroupAccumulator copy(GroupAccumulator from) {
            return from == null ? null : from.copy();
        }

        @Override
        public GroupAccumulator copy(GroupAccumulator from, GroupAccumulator reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(GroupAccumulator a, DataOutputView out) throws IOException {
            out.writeLong(a.rows);
            ValueIO.writeValues(a.groupValues, out);
            out.writeInt(a.nonNull.length);
            for (int i = 0; i < a.nonNull.length; i++) {
                out.writeLong(a.nonNull[i]);
                ValueIO.writeValue(a.sums[i], out);
                out.writeByte(a.sumKinds[i]);
                ValueIO.writeValue(a.mins[i], out);
                ValueIO.writeValue(a.maxes[i], out);
            }
            out.writeInt(a.distinct.length);
            for (long d : a.distinct) {
                out.writeLong(d);
            }
        }

        @Override
        public GroupAccumulator deserialize(DataInputView in) throws IOException {
            long rows = in.readLong();
            Object[] groupValues = ValueIO.readValues(in);
            int measures = in.readInt();
            long[] nonNull = new long[measures];
            BigDecimal[] sums = new BigDecimal[measures];
            byte[] kinds = new byte[measures];
            Object[] mins = new Object[measures];
            Object[] maxes = new Object[measures];
            for (int i = 0; i < measures; i++) {
                nonNull[i] = in.readLong();
                sums[i] = (BigDecimal) ValueIO.readValue(in);
                kinds[i] = in.readByte();
                mins[i] = ValueIO.readValue(in);
                maxes[i] = ValueIO.readValue(in);
            }
            int slots = in.readInt();
            GroupAccumulator a = new GroupAccumulator(groupValues, measures, slots);
            a.rows = rows;
            System.arraycopy(nonNull, 0, a.nonNull, 0, measures);
            System.arraycopy(sums, 0, a.sums, 0, measures);
            System.arraycopy(kinds, 0, a.sumKinds, 0, measures);
            System.arraycopy(mins, 0, a.mins, 0, measures);
            System.arraycopy(maxes, 0, a.maxes, 0, measures);
            for (int s = 0; s < slots; s++) {
                a.distinct[s] = in.readLong();
            }
            return a;
        }

        @Override
        public GroupAccumulator deserialize(GroupAccumulator reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<GroupAccumulator> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless accumulator serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupAccumulator> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
