package io.sluice.transforms.join;

import io.sluice.event.SourceInfo;
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
import java.util.Objects;

/**
 * A record between the join's operators, always addressed to one node's operator and keyed there
 * by {@link #route}:
 *
 * <ul>
 *   <li>{@code UPSERT}/{@code DELETE}: a row of the node's table, at its join key;
 *   <li>{@code SUBSCRIBE}/{@code UNSUBSCRIBE}: a parent row ({@link #subscriberRoute},
 *       {@link #pk}) starts or stops referencing the node's key {@link #route};
 *   <li>{@code RESULT}/{@code RETRACT}: the node's value for key {@link #ref} (a fragment), or the
 *       end of a subscription, sent back to the parent row {@link #pk} at {@link #route}, for the
 *       parent's nested {@link #slot}.
 * </ul>
 */
@Internal
final class JoinMessage {
    static final TypeInformation<JoinMessage> TYPE = new SerializerTypeInfo<>(JoinMessage.class, Serializer.INSTANCE);

    enum Kind {
        UPSERT,
        DELETE,
        SUBSCRIBE,
        UNSUBSCRIBE,
        RESULT,
        RETRACT
    }

    private static final Kind[] KINDS = Kind.values();

    final Kind kind;
    /** The node whose operator receives the message. */
    final int node;
    /** The key in that operator. */
    final String route;
    /** The row's primary key (UPSERT carries it in the row), the subscriber's or the addressee's. */
    final String pk;
    final String subscriberRoute;
    final int slot;
    /** The referenced key a RESULT or RETRACT is about. */
    final String ref;
    final NodeRow row;
    final Fragment value;
    /** The change that caused this message, passed on to the documents. */
    final SourceInfo source;

    private JoinMessage(Kind kind, int node, String route, String pk, String subscriberRoute, int slot, String ref,
            NodeRow row, Fragment value, SourceInfo source) {
        this.kind = kind;
        this.node = node;
        this.route = route;
        this.pk = pk;
        this.subscriberRoute = subscriberRoute;
        this.slot = slot;
        this.ref = ref;
        this.row = row;
        this.value = value;
        this.source = source;
    }

    static JoinMessage upsert(int node, String route, NodeRow row, SourceInfo source) {
        return new JoinMessage(Kind.UPSERT, node, route, row.pk, null, -1, null, row, null, source);
    }

    static JoinMessage delete(int node, String route, String pk, SourceInfo source) {
        return new JoinMessage(Kind.DELETE, node, route, pk, null, -1, null, null, null, source);
    }

    static JoinMessage subscribe(int node, String ref, String subscriberRoute, String subscriberPk, SourceInfo source) {
        return new JoinMessage(Kind.SUBSCRIBE, node, ref, subscriberPk, subscriberRoute, -1, null, null, null, source);
    }

    static JoinMessage unsubscribe(int node, String ref, String subscriberRoute, String subscriberPk, SourceInfo source) {
        return new JoinMessage(Kind.UNSUBSCRIBE, node, ref, subscriberPk, subscriberRoute, -1, null, null, null, source);
    }

    static JoinMessage result(int parent, String route, String pk, int slot, String ref, Fragment value,
            SourceInfo source) {
        return new JoinMessage(Kind.RESULT, parent, route, pk, null, slot, ref, null, value, source);
    }

    static JoinMessage retract(int parent, String route, String pk, int slot, String ref, SourceInfo source) {
        return new JoinMessage(Kind.RETRACT, parent, route, pk, null, slot, ref, null, null, source);
    }

    String route() {
        return route;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinMessage m && kind == m.kind && node == m.node && slot == m.slot
                && Objects.equals(route, m.route) && Objects.equals(pk, m.pk)
                && Objects.equals(subscriberRoute, m.subscriberRoute) && Objects.equals(ref, m.ref)
                && Objects.equals(row, m.row) && Objects.equals(value, m.value) && Objects.equals(source, m.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, node, route, pk);
    }

    @Override
    public String toString() {
        return kind + " node " + node + " @" + route + " pk " + pk
                + (subscriberRoute != null ? " from " + subscriberRoute : "")
                + (kind == Kind.RESULT || kind == Kind.RETRACT ? " slot " + slot + " ref " + ref + " " + value : "")
                + (row != null ? " " + row : "");
    }

    /** Serializer of join messages; format version 1. */
    static final class Serializer extends ImmutableRecordSerializer<JoinMessage> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public void serialize(JoinMessage m, DataOutputView out) throws IOException {
            out.writeByte(m.kind.ordinal());
            out.writeInt(m.node);
            ValueIO.writeString(m.route, out);
            ValueIO.writeString(m.pk, out);
            ValueIO.writeSource(m.source, out);
            switch (m.kind) {
                case UPSERT:
                    NodeRow.write(m.row, out);
                    break;
                case SUBSCRIBE:
                case UNSUBSCRIBE:
                    ValueIO.writeString(m.subscriberRoute, out);
                    break;
                case RESULT:
                    out.writeInt(m.slot);
                    ValueIO.writeString(m.ref, out);
                    Fragment.write(m.value, out);
                    break;
                case RETRACT:
                    out.writeInt(m.slot);
                    ValueIO.writeString(m.ref, out);
                    break;
                default:
                    break;
            }
        }

        @Override
        public JoinMessage deserialize(DataInputView in) throws IOException {
            Kind kind = KINDS[in.readByte()];
            int node = in.readInt();
            String route = ValueIO.readString(in);
            String pk = ValueIO.readString(in);
            SourceInfo source = ValueIO.readSource(in);
            switch (kind) {
                case UPSERT:
                    return new JoinMessage(kind, node, route, pk, null, -1, null, NodeRow.read(in), null, source);
                case SUBSCRIBE:
                case UNSUBSCRIBE:
                    return new JoinMessage(kind, node, route, pk, ValueIO.readString(in), -1, null, null, null, source);
                case RESULT:
                    int slot = in.readInt();
                    String ref = ValueIO.readString(in);
                    return new JoinMessage(kind, node, route, pk, null, slot, ref, null, Fragment.read(in), source);
                case RETRACT:
                    int s = in.readInt();
                    return new JoinMessage(kind, node, route, pk, null, s, ValueIO.readString(in), null, null, source);
                default:
                    return new JoinMessage(kind, node, route, pk, null, -1, null, null, null, source);
            }
        }

        @Override
        public TypeSerializerSnapshot<JoinMessage> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless message serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<JoinMessage> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
