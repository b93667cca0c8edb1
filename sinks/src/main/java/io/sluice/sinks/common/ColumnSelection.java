package io.sluice.sinks.common;

import io.sluice.event.TableSchema;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which columns a sink writes (the {@code columns} key): all, only the listed ones
 * ({@code include}), or all but the listed ones ({@code exclude}). Names compare ignoring case, as
 * MySQL does.
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
        if (mode != Mode.ALL && columns.isEmpty()) {
            throw new IllegalArgumentException("no columns given to " + mode.name().toLowerCase(Locale.ROOT));
        }
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
        return java.util.Arrays.copyOf(kept, n);
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
