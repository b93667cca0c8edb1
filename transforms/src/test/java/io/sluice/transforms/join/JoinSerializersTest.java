package io.sluice.transforms.join;

import io.sluice.transforms.state.GoldenBytes;
import io.sluice.transforms.state.ValueFixtures;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

/** The join's state and message serializers through Flink's SerializerTestBase, and their committed v1 bytes. */
class JoinSerializersTest {

    static Fragment fragment() {
        return new Fragment(ValueFixtures.columns(), new Object[] {7L, new BigDecimal("1.50"), null});
    }

    static NodeRow row() {
        return new NodeRow("n7", new Object[] {7L}, new String[] {"n1", null}, fragment(), List.of("id"));
    }

    static JoinMessage[] messages() {
        return new JoinMessage[] {
            JoinMessage.upsert(0, "n7", row(), ValueFixtures.source()),
            JoinMessage.delete(1, "n7", "n8", ValueFixtures.source()),
            JoinMessage.subscribe(2, "n1", "n7", "n8", ValueFixtures.source()),
            JoinMessage.unsubscribe(2, "n1", "n7", "n8", ValueFixtures.source()),
            JoinMessage.result(0, "n7", "n7", 1, "n1", fragment(), ValueFixtures.source()),
            JoinMessage.result(0, "n7", "n7", 0, "n2", Fragment.ABSENT, ValueFixtures.source()),
            JoinMessage.retract(0, "n7", "n7", 1, "n1", ValueFixtures.source())};
    }

    @Test
    void stateFormatsAreStable() throws Exception {
        GoldenBytes.check("join-fragment-v1.bin", Fragment.Serializer.INSTANCE, fragment());
        GoldenBytes.check("join-fragment-absent-v1.bin", Fragment.Serializer.INSTANCE, Fragment.ABSENT);
        GoldenBytes.check("join-node-row-v1.bin", NodeRow.Serializer.INSTANCE, row());
    }

    private abstract static class Base<T> extends SerializerTestBase<T> {
        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<T> serializer) {
            return true;
        }
    }

    @Nested
    class Fragments extends Base<Fragment> {
        @Override
        protected TypeSerializer<Fragment> createSerializer() {
            return Fragment.Serializer.INSTANCE;
        }

        @Override
        protected Class<Fragment> getTypeClass() {
            return Fragment.class;
        }

        @Override
        protected Fragment[] getTestData() {
            return new Fragment[] {fragment(), Fragment.ABSENT, Fragment.EMPTY};
        }
    }

    @Nested
    class NodeRows extends Base<NodeRow> {
        @Override
        protected TypeSerializer<NodeRow> createSerializer() {
            return NodeRow.Serializer.INSTANCE;
        }

        @Override
        protected Class<NodeRow> getTypeClass() {
            return NodeRow.class;
        }

        @Override
        protected NodeRow[] getTestData() {
            return new NodeRow[] {row(), new NodeRow("s", new Object[] {"s"}, new String[0], Fragment.EMPTY, List.of())};
        }
    }

    @Nested
    class Messages extends Base<JoinMessage> {
        @Override
        protected TypeSerializer<JoinMessage> createSerializer() {
            return JoinMessage.Serializer.INSTANCE;
        }

        @Override
        protected Class<JoinMessage> getTypeClass() {
            return JoinMessage.class;
        }

        @Override
        protected JoinMessage[] getTestData() {
            return messages();
        }
    }
}
