package io.sluice.transforms.join;

import io.sluice.event.Column;
import io.sluice.event.Values;
import io.sluice.transforms.state.ImmutableRecordSerializer;
import io.sluice.transforms.state.ValueIO;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Named, typed values: a document, what a lookup contributes to its parent (its fields and its
 * nested lookups' fields, flattened), or a child array ({@code as} to a list of element maps).
 * {@link #ABSENT} stands for a lookup without a matching row. Immutable.
 */
@Internal
final class Fragment {
    static final Fragment ABSENT = new Fragment(List.of(), new Object[0], true);
    static final Fragment EMPTY = new Fragment(List.of(), new Object[0], false);

    final List<Column> columns;
    final Object[] values;
    final boolean absent;

    Fragment(List<Column> columns, Object[] values) {
        this(columns, values, false);
    }

    private Fragment(List<Column> columns, Object[] values, boolean absent) {
        this.columns = columns;
        this.values = values;
        this.absent = absent;
    }

    int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fragment other && absent == other.absent && columns.equals(other.columns)
                && Values.equal(values, other.values);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + Values.hash(values);
    }

    @Override
    public String toString() {
        if (absent) {
            return "ABSENT";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append('=').append(Values.toString(values[i]));
        }
        return sb.append('}').toString();
    }

    /** Writes a fragment's columns and values. */
    static void write(Fragment f, DataOutputView out) throws IOException {
        out.writeBoolean(f.absent);
        out.writeInt(f.columns.size());
        for (int i = 0; i < f.columns.size(); i++) {
            ValueIO.writeColumn(f.columns.get(i), out);
            ValueIO.writeValue(f.values[i], out);
        }
    }

    static Fragment read(DataInputView in) throws IOException {
        boolean absent = in.readBoolean();
        int size = in.readInt();
        if (absent) {
            return ABSENT;
        }
        List<Column> columns = new ArrayList<>(size);
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            columns.add(ValueIO.readColumn(in));
            values[i] = ValueIO.readValue(in);
        }
        return new Fragment(List.copyOf(columns), values);
    }

    /** Serializer of fragments in state; format version 1. */
    static final class Serializer extends ImmutableRecordSerializer<Fragment> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(Fragment f, DataOutputView out) throws IOException {
            write(f, out);
        }

        @Override
        public Fragment deserialize(DataInputView in) throws IOException {
            return read(in);
        }

        @Override
        public TypeSerializerSnapshot<Fragment> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless fragment serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Fragment> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
