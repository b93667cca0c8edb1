package io.sluice.event;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EventSerializer} through Flink's {@link SerializerTestBase} (copy, sequences, reuse,
 * snapshot and restore, duplicate), plus the value types and the errors one by one.
 */
class EventSerializerTest extends SerializerTestBase<Event> {
    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableId NESTED = new TableId("shop", "computed");

    @Override
    protected TypeSerializer<Event> createSerializer() {
        return EventSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Event> getTypeClass() {
        return Event.class;
    }

    /** Events are immutable: the serializer has no instance to create or reuse. */
    @Override
    protected boolean allowNullInstances(TypeSerializer<Event> serializer) {
        return true;
    }

    @Override
    protected Event[] getTestData() {
        TableSchema schema = EventFixtures.everyType(ORDERS);
        SourceInfo source = EventFixtures.source(ORDERS, 1_234, "0-1-77");
        Object[] row = EventFixtures.everyTypeRow();
        Object[] other = EventFixtures.everyTypeOtherRow();
        return new Event[] {
            new RowChange(Op.INSERT, ORDERS, schema, null, row, source),
            new RowChange(Op.UPDATE, ORDERS, schema, row, other, source),
            new RowChange(Op.DELETE, ORDERS, schema, other, null, source),
            new RowChange(Op.READ, ORDERS, schema, null, EventFixtures.everyTypeNullRow(9),
                    new SourceInfo("shop", "orders", 0, "binlog.000001", 4, null, 0, true)),
            // the logical table differs from the physical one after routing
            new RowChange(Op.INSERT, new TableId("shop", "all_orders"), schema, null, row, source),
            nestedValues(),
            new SchemaChange(ORDERS, "ALTER TABLE orders ADD c_geometry GEOMETRY", schema, source),
            new SchemaChange(ORDERS, "DROP TABLE orders", null, EventFixtures.source(ORDERS, 2_000, null)),
        };
    }

    /** A computed column holding lists and maps nested in each other, as transforms produce them. */
    private static RowChange nestedValues() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 1L);
        inner.put("none", null);
        inner.put("when", LocalDate.of(2020, 7, 17));
        inner.put("tags", List.of("x", "y"));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("items", List.of(inner, Map.of("price", new BigDecimal("9.90"))));
        outer.put("empty", Map.of());
        TableSchema schema = new TableSchema(
                NESTED,
                List.of(new Column("id", ColumnType.BIGINT, false, 0, 0, null, null), Column.of("doc", ColumnType.JSON),
                        Column.of("list", ColumnType.SET)),
                List.of("id"));
        return new RowChange(
                Op.INSERT, NESTED, schema, null,
                new Object[] {1L, outer, Arrays.asList(List.of(1L, 2L), null, Map.of("k", "v"), true)},
                EventFixtures.source(NESTED, 99, null));
    }

    @Test
    void fixtureCoversEveryColumnType() {
        Set<ColumnType> covered = EventFixtures.everyColumnType().stream().map(Column::type).collect(Collectors.toSet());

        assertThat(covered).isEqualTo(EnumSet.allOf(ColumnType.class));
    }

    @Test
    void everyValueComesBackWithItsClassAndValue() throws IOException {
        for (Object[] row : List.of(EventFixtures.everyTypeRow(), EventFixtures.everyTypeOtherRow())) {
            RowChange in = new RowChange(
                    Op.INSERT, ORDERS, EventFixtures.everyType(ORDERS), null, row, EventFixtures.source(ORDERS, 4, null));

            Object[] out = ((RowChange) roundTrip(in)).after();

            assertThat(out).hasSameSizeAs(row);
            for (int i = 0; i < row.length; i++) {
                Class<?> expected = row[i] instanceof List ? List.class : row[i].getClass();
                assertThat(out[i]).as("column %d", i).isInstanceOf(expected);
                assertThat(Values.equal(out[i], row[i])).as("column %d: %s", i, Values.toString(out[i])).isTrue();
            }
        }
    }

    @Test
    void keepsDecimalScaleAndUnsignedBigint() throws IOException {
        Object[] after = ((RowChange) roundTrip(new RowChange(
                Op.INSERT, ORDERS, EventFixtures.everyType(ORDERS), null, EventFixtures.everyTypeRow(),
                EventFixtures.source(ORDERS, 4, null)))).after();

        assertThat(((BigDecimal) after[5]).toPlainString()).isEqualTo("123.4500");
        assertThat(after[4]).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(after[12]).isEqualTo(Duration.parse("-PT838H59M59S"));
        assertThat(after[11]).isEqualTo(Instant.parse("2020-07-17T10:00:22.123Z"));
        assertThat(after[10]).isEqualTo(LocalDateTime.parse("2020-07-17T18:00:22.123456"));
    }

    @Test
    void keepsEveryFieldOfSchemaAndSource() throws IOException {
        TableSchema schema = EventFixtures.everyType(ORDERS);
        SourceInfo source = new SourceInfo("shop_3", "orders_7", 4_294_967_295L, "mysql-bin.000042", 77_777,
                "3E11FA47-71CA-11E1-9E33-C80AA9429562:23", 1_594_980_022_123L, true);
        RowChange in = new RowChange(Op.READ, ORDERS, schema, null, EventFixtures.everyTypeNullRow(1), source);

        RowChange out = (RowChange) roundTrip(in);

        assertThat(out.schema().columns()).containsExactlyElementsOf(schema.columns());
        assertThat(out.schema().keyColumns()).containsExactly("id");
        assertThat(out.schema().keyIndexes()).containsExactly(4);
        assertThat(out.source()).isEqualTo(source);
        assertThat(out.table()).isEqualTo(ORDERS);
        assertThat(out.before()).isNull();
    }

    @Test
    void nestedListsAndMapsKeepOrderAndTypes() throws IOException {
        RowChange in = nestedValues();

        RowChange out = (RowChange) roundTrip(in);

        assertThat(out).isEqualTo(in);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) out.after()[1];
        assertThat(doc.keySet()).containsExactly("items", "empty");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) doc.get("items")).get(0);
        assertThat(first.keySet()).containsExactly("n", "none", "when", "tags");
        assertThat(first.get("when")).isEqualTo(LocalDate.of(2020, 7, 17));
    }

    @Test
    void schemaChangeWithAndWithoutSchema() throws IOException {
        SchemaChange altered = new SchemaChange(
                ORDERS, "ALTER TABLE `orders` ADD x INT", EventFixtures.everyType(ORDERS), EventFixtures.source(ORDERS, 5, "0-1-2"));
        SchemaChange dropped = new SchemaChange(ORDERS, "DROP TABLE orders", null, EventFixtures.source(ORDERS, 6, null));

        assertThat(roundTrip(altered)).isEqualTo(altered);
        assertThat(roundTrip(dropped)).isEqualTo(dropped);
        assertThat(((SchemaChange) roundTrip(dropped)).schema()).isNull();
    }

    @Test
    void rejectsIntegerNamingTheClass() {
        assertRejected(42, "java.lang.Integer");
    }

    @Test
    void rejectsJavaUtilDateNamingTheClass() {
        assertRejected(new java.util.Date(0), "java.util.Date");
    }

    @Test
    void rejectsUnsupportedValueInsideAList() {
        assertRejected(List.of(1L, (short) 2), "java.lang.Short");
    }

    private void assertRejected(Object value, String className) {
        TableSchema schema = new TableSchema(NESTED, List.of(Column.of("v", ColumnType.INT)), List.of());
        RowChange row = new RowChange(Op.INSERT, NESTED, schema, null, new Object[] {value}, EventFixtures.source(NESTED, 4, null));

        assertThatThrownBy(() -> EventSerializer.INSTANCE.serialize(row, new DataOutputSerializer(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot serialise a value of " + className)
                .hasMessageContaining("Values.normalize");
    }

    @Test
    void corruptKindIsAnIOException() {
        assertThatThrownBy(() -> EventSerializer.INSTANCE.deserialize(new DataInputDeserializer(new byte[] {9})))
                .isInstanceOf(IOException.class)
                .hasMessage("corrupt event: unknown kind 9");
    }

    private static Event roundTrip(Event event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        EventSerializer.INSTANCE.serialize(event, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Event back = EventSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).as("bytes left after reading").isZero();
        return back;
    }
}
