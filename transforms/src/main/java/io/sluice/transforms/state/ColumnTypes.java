package io.sluice.transforms.state;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.JsonText;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The column of a computed value (a group-by expression, a measure, a document field): the type
 * follows the Java type of the value, as {@link ColumnType} maps them; a null value takes the
 * fallback type. Nested lists and maps are JSON columns.
 */
@Internal
public final class ColumnTypes {
    private ColumnTypes() {}

    public static Column of(String name, Object value, ColumnType fallback) {
        if (value == null) {
            return Column.of(name, fallback);
        }
        if (value instanceof Long) {
            return Column.of(name, ColumnType.BIGINT);
        }
        if (value instanceof BigInteger) {
            return new Column(name, ColumnType.BIGINT, true, 0, 0, null, List.of());
        }
        if (value instanceof BigDecimal d) {
            return new Column(name, ColumnType.DECIMAL, false, 0, Math.max(0, d.scale()), null, List.of());
        }
        if (value instanceof Double) {
            return Column.of(name, ColumnType.DOUBLE);
        }
        if (value instanceof Float) {
            return Column.of(name, ColumnType.FLOAT);
        }
        if (value instanceof String) {
            return Column.of(name, ColumnType.STRING);
        }
        if (value instanceof Boolean) {
            return new Column(name, ColumnType.BIT, false, 1, 0, null, List.of());
        }
        if (value instanceof LocalDate) {
            return Column.of(name, ColumnType.DATE);
        }
        if (value instanceof LocalDateTime t) {
            return new Column(name, ColumnType.DATETIME, false, 0, fractionDigits(t.getNano()), null, List.of());
        }
        if (value instanceof Instant i) {
            return new Column(name, ColumnType.TIMESTAMP, false, 0, fractionDigits(i.getNano()), null, List.of());
        }
        if (value instanceof Duration d) {
            return new Column(name, ColumnType.TIME, false, 0, fractionDigits(d.getNano()), null, List.of());
        }
        if (value instanceof byte[]) {
            return Column.of(name, ColumnType.BINARY);
        }
        if (value instanceof JsonText || value instanceof List || value instanceof Map) {
            return Column.of(name, ColumnType.JSON);
        }
        return Column.of(name, fallback);
    }

    private static int fractionDigits(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        return nanos % 1_000_000 == 0 ? 3 : 6;
    }
}
