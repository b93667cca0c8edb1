package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which columns are kept: all, only the listed ones ({@code include}), or all but the listed ones
 * ({@code exclude}). Used by filters (Canal's {@code filter.field} / {@code black.field}), by
 * sinks (their {@code columns} key) and by the job file. Names compare ignoring case, as MySQL
 * does.
 */
@PublicEvolving
public record ColumnSelection(Mode mode, List<String> columns) implements Serializable {

    /** How {@link #columns()} is read. */
    public enum Mode {
        ALL,
        INCLUDE,
        EXCLUDE
    }

    /** Every column. */
    public static final ColumnSelection ALL = new ColumnSelection(Mode.ALL, List.of());

    public ColumnSelection {
        Objects.requireNonNull(mode, "mode");
        columns = List.copyOf(columns);
    }

    public static ColumnSelection include(List<String> columns) {
        return new ColumnSelection(Mode.INCLUDE, columns);
    }

    public static ColumnSelection exclude(List<String> columns) {
        return new ColumnSelection(Mode.EXCLUDE, columns);
    }

    /** True if the named column is kept. */
    public boolean keeps(String column) {
        return switch (mode) {
            case INCLUDE -> containsIgnoreCase(column);
            case EXCLUDE -> !containsIgnoreCase(column);
            case ALL -> true;
        };
    }

    /** The positions of the kept columns of a schema, in table order. */
    public int[] indexes(TableSchema schema) {
        int[] kept = new int[schema.size()];
        int n = 0;
        for (int i = 0; i < schema.size(); i++) {
            if (keeps(schema.column(i).name())) {
                kept[n++] = i;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private boolean containsIgnoreCase(String column) {
        for (String c : columns) {
            if (c.equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return mode == Mode.ALL ? "all" : mode.name().toLowerCase(Locale.ROOT) + " " + columns;
    }
}
