package io.sluice.transforms.aggregate;

import io.sluice.transforms.state.GoldenBytes;
import io.sluice.transforms.state.ValueFixtures;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The aggregate's state and message serializers through Flink's SerializerTestBase, and their committed v1 bytes. */
class AggregateSerializersTest {

    static GroupAccumulator accumulator() {
        GroupAccumulator a = new GroupAccumulator(new Object[] {7L, LocalDate.of(2024, 5, 1)}, 3, 2);
        a.rows = 3;
        a.nonNull[0] = 3;
        a.nonNull[1] = 2;
        a.sums[1] = new BigDecimal("45.50");
        a.sumKinds[1] = GroupAccumulator.KIND_DECIMAL;
        a.mins[2] = new BigDecimal("5.00");
        a.maxes[2] = "zz";
        a.distinct[0] = 2;
        a.distinct[1] = 1;
        return a;
    }

    static Contribution contribution() {
        return new Contribution("n7\u001fd2024-05-01", new Object[] {7L, LocalDate.of(2024, 5, 1)}, "shop",
                ValueFixtures.source(), new Object[] {new BigDecimal("1.00"), null}, ValueFixtures.comparable());
    }

    @Test
    void stateFormatsAreStable() throws Exception {
        GoldenBytes.check("group-accumulator-v1.bin", GroupAccumulator.Serializer.INSTANCE, accumulator());
        GoldenBytes.check("value-count-v1.bin", ValueCount.Serializer.INSTANCE, new ValueCount(new BigDecimal("9.90"), 4));
    }

    @Nested
    class Accumulators extends SerializerTestBase<GroupAccumulator> {
        @Override
        protected TypeSerializer<GroupAccumulator> createSerializer() {
            return GroupAccumulator.Serializer.INSTANCE;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<GroupAccumulator> getTypeClass() {
            return GroupAccumulator.class;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<GroupAccumulator> serializer) {
            return true;
        }

        @Override
        protected GroupAccumulator[] getTestData() {
            return new GroupAccumulator[] {accumulator(), new GroupAccumulator(new Object[0], 0, 0)};
        }
    }

    @Nested
    class ValueCounts extends SerializerTestBase<ValueCount> {
        @Override
        protected TypeSerializer<ValueCount> createSerializer() {
            return ValueCount.Serializer.INSTANCE;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<ValueCount> getTypeClass() {
            return ValueCount.class;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<ValueCount> serializer) {
            return true;
        }

        @Override
        protected ValueCount[] getTestData() {
            return new ValueCount[] {new ValueCount(1L, 1), new ValueCount("a", Long.MAX_VALUE),
                new ValueCount(LocalDate.of(2020, 1, 1), 2)};
        }
    }

    @Nested
    class Contributions extends SerializerTestBase<Contribution> {
        @Override
        protected TypeSerializer<Contribution> createSerializer() {
            return Contribution.Serializer.INSTANCE;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<Contribution> getTypeClass() {
            return Contribution.class;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<Contribution> serializer) {
            return true;
        }

        @Override
        protected Contribution[] getTestData() {
            return new Contribution[] {contribution(),
                new Contribution("", new Object[0], "db", ValueFixtures.source(), null, new Object[] {1L})};
        }
    }
}
