package io.sluice.transforms.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Values;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

class ValueIOTest {

    @Test
    void everyValueTypeRoundTrips() throws Exception {
        Object[] values = ValueFixtures.everyType();
        DataOutputSerializer out = new DataOutputSerializer(64);
        ValueIO.writeValues(values, out);
        ValueIO.writeValues(null, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(Values.equal(ValueIO.readValues(in), values)).isTrue();
        assertThat(ValueIO.readValues(in)).isNull();
        assertThat(in.available()).isZero();
    }

    @Test
    void valuesFormatIsStable() throws Exception {
        GoldenBytes.check("values-v1.bin", new ValuesSerializer(), ValueFixtures.everyType());
    }

    @Test
    void keysMatchEqualSqlValuesAcrossJavaTypes() {
        assertThat(KeyCodec.encode(5L)).isEqualTo(KeyCodec.encode(new BigDecimal("5.00")))
                .isEqualTo(KeyCodec.encode(5)).isEqualTo(KeyCodec.encode(BigInteger.valueOf(5)))
                .isEqualTo(KeyCodec.encode(5.0d));
        assertThat(KeyCodec.encode(5L)).isNotEqualTo(KeyCodec.encode("5"));
        assertThat(KeyCodec.encode(new BigDecimal("0.00"))).isEqualTo(KeyCodec.encode(0L));
        assertThat(KeyCodec.encode((Object) null)).isNotEqualTo(KeyCodec.encode("z"));
        // separators and escapes inside strings cannot fake a composite key
        assertThat(KeyCodec.encode(new Object[] {"a\u001fsb", "c"}))
                .isNotEqualTo(KeyCodec.encode(new Object[] {"a", "b\u001fsc"}));
        assertThat(KeyCodec.encode(new Object[] {"a\\", "b"})).isNotEqualTo(KeyCodec.encode(new Object[] {"a\\\u001fsb"}));
        assertThat(KeyCodec.hasNull(new Object[] {1L, null})).isTrue();
    }

    @Test
    void comparatorOrdersAsSql() {
        List<Object> values = new ArrayList<>(List.of(new BigDecimal("2.50"), 2L, 10L, -1.5d, new BigInteger("3")));
        values.add(null);
        Collections.shuffle(values, new Random(1));
        values.sort(ValueComparator.INSTANCE);
        assertThat(values).containsExactly(null, -1.5d, 2L, new BigDecimal("2.50"), new BigInteger("3"), 10L);
        assertThat(ValueComparator.INSTANCE.compare(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 10))).isNegative();
        assertThat(ValueComparator.INSTANCE.compare(new byte[] {(byte) 0x80}, new byte[] {0x7f})).isPositive();
        assertThat(ValueComparator.compareArrays(new Object[] {1L, "b"}, new Object[] {1L, "a"})).isPositive();
    }

    /** Writes an Object[] with ValueIO, for the golden-bytes check. */
    private static final class ValuesSerializer extends ImmutableRecordSerializer<Object[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(Object[] record, DataOutputView target) throws IOException {
            ValueIO.writeValues(record, target);
        }

        @Override
        public Object[] deserialize(DataInputView source) throws IOException {
            return ValueIO.readValues(source);
        }

        @Override
        public TypeSerializerSnapshot<Object[]> snapshotConfiguration() {
            throw new UnsupportedOperationException();
        }
    }
}
