package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The columns of a table, in table order, and its key: the primary key, or the key configured
 * for a table that has none (empty when neither exists).
 */
@PublicEvolving
public final class TableSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Up to this many columns {@link #indexOf} scans the names instead of building a map: schemas
     * are deserialized with every record, and a scan of a few names is cheaper than the map.
     */
    private static final int SCAN_COLUMNS = 24;

    private final TableId id;
    private final List<Column> columns;
    private final List<String> keyColumns;
    private final int[] keyIndexes;
    private transient Map<String, Integer> indexByName;

    public TableSchema(TableId id, List<Column> columns, List<String> keyColumns) {
        this.id = Objects.requireNonNull(id, "id");
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        this.keyIndexes = new int[this.keyColumns.size()];
        for (int i = 0; i < keyIndexes.length; i++) {
            int index = indexOf(this.keyColumns.get(i));
            if (index < 0) {
                throw new IllegalArgumentException(
                        "key column '" + this.keyColumns.get(i) + "' is not a column of " + id
                                + "; its columns are " + columnNames());
            }
            keyIndexes[i] = index;
        }
    }

    public TableId id() {
        return id;
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public int size() {
        return columns.size();
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Positions of the key columns, in key order. Do not modify. */
    public int[] keyIndexes() {
        return keyIndexes;
    }

    public boolean hasKey() {
        return keyIndexes.length > 0;
    }

    /** The position of a column, or -1. */
    public int indexOf(String columnName) {
        if (columns.size() <= SCAN_COLUMNS) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(columnName)) {
                    return i;
                }
            }
            return -1;
        }
        Map<String, Integer> index = indexByName;
        if (index == null) {
            index = new HashMap<>(columns.size() * 2);
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i).name(), i);
            }
            indexByName = index;
        }
        Integer i = index.get(columnName);
        return i == null ? -1 : i;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The same columns with another identity or key, for routing and configured keys. */
    public TableSchema with(TableId newId, List<String> newKey) {
        return new TableSchema(newId, columns, newKey);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof TableSchema other
                        && id.equals(other.id)
                        && columns.equals(other.columns)
                        && keyColumns.equals(other.keyColumns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, columns, keyColumns);
    }

    @Override
    public String toString() {
        return id + columnNames().toString() + " key " + keyColumns;
    }
}
