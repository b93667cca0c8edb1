package io.sluice.transforms.join;

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
import java.util.Objects;

/**
 * What a join keeps of one row of a participating table: its primary key (encoded, and the values
 * for ordering children), the keys it references in each nested node (null where a column is
 * null: no match), and the fields it contributes. For the main table, also its key column names,
 * which become the document's key.
 */
@Internal
final class NodeRow {
    final String pk;
    final Object[] pkValues;
    /** Per nested slot: the encoded referenced key, or null. */
    final String[] refs;
    final Fragment fields;
    final List<String> keyColumns;

    NodeRow(String pk, Object[] pkValues, String[] refs, Fragment fields, List<String> keyColumns) {
        this.pk = pk;
        this.pkValues = pkValues;
        this.refs = refs;
        this.fields = fields;
        this.keyColumns = keyColumns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeRow other && pk.equals(other.pk) && io.sluice.event.Values.equal(pkValues, other.pkValues)
                && java.util.Arrays.equals(refs, other.refs)
                && fields.equals(other.fields) && keyColumns.equals(other.keyColumns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pk, fields);
    }

    @Override
    public String toString() {
        return pk + " " + fields + " refs " + java.util.Arrays.toString(refs);
    }

    static void write(NodeRow r, DataOutputView out) throws IOException {
        ValueIO.writeString(r.pk, out);
        ValueIO.writeValues(r.pkValues, out);
        out.writeInt(r.refs.length);
        for (String ref : r.refs) {
            ValueIO.writeString(ref, out);
        }
        Fragment.write(r.fields, out);
        out.writeInt(r.keyColumns.size());
        for (String k : r.keyColumns) {
            ValueIO.writeString(k, out);
        }
    }

    static NodeRow read(DataInputView in) throws IOException {
        String pk = ValueIO.readString(in);
        Object[] pkValues = ValueIO.readValues(in);
        String[] refs = new String[in.readInt()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = ValueIO.readString(in);
        }
        Fragment fields = Fragment.read(in);
        int keys = in.readInt();
        List<String> keyColumns = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            keyColumns.add(ValueIO.readString(in));
        }
        return new NodeRow(pk, pkValues, refs, fields, List.copyOf(keyColumns));
    }

    /** Serializer of rows in state; format version 1. */
    static final class Serializer extends ImmutableRecordSerializer<NodeRow> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(NodeRow r, DataOutputView out) throws IOException {
            write(r, out);
        }

        @Override
        public NodeRow deserialize(DataInputView in) throws IOException {
            return read(in);
        }

        @Override
        public TypeSerializerSnapshot<NodeRow> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless row serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NodeRow> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
