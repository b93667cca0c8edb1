package io.sluice.source.split;

import io.sluice.event.Column;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The columns a table's snapshot chunks are cut along: its primary key, or the key configured for
 * a table without one, with what ordering their values the way the server does needs.
 *
 * @param columns the key columns, in key order
 * @param collations per column, the server's collation of a text column, else empty
 * @param configured true for a configured key, whose columns may hold NULL (such rows belong to the
 *     first chunk)
 */
@Internal
public record KeyColumns(List<Column> columns, List<String> collations, boolean configured) implements Serializable {

    public KeyColumns {
        columns = List.copyOf(columns);
        collations = List.copyOf(collations);
        if (columns.isEmpty() || columns.size() != collations.size()) {
            throw new IllegalArgumentException(
                    "a chunk key needs at least one column and one collation entry per column, got " + columns
                            + " and " + collations);
        }
    }

    public int size() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** The collation of a text column, or null. */
    public String collation(int i) {
        String c = collations.get(i);
        return c.isEmpty() ? null : c;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyColumns k && columns.equals(k.columns) && collations.equals(k.collations)
                && configured == k.configured;
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, collations, configured);
    }
}
