package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One column of a table as the source decoded it.
 *
 * @param name the column name
 * @param type the logical type
 * @param unsigned for integer types
 * @param length bits for BIT, the declared length for strings where known, else 0
 * @param scale the scale of a DECIMAL, the fractional-second digits of DATETIME/TIMESTAMP/TIME
 * @param charset the Java charset name of a STRING column, or null
 * @param labels the labels of an ENUM or SET, in declaration order; empty otherwise
 */
@PublicEvolving
public record Column(
        String name,
        ColumnType type,
        boolean unsigned,
        int length,
        int scale,
        String charset,
        List<String> labels)
        implements Serializable {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A column with no length, scale, charset or labels. */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, false, 0, 0, null, List.of());
    }
}
