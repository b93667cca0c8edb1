package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;

/** Which columns are kept: all, only the listed ones ({@code include}), or all but the listed ({@code exclude}). */
@PublicEvolving
public record ColumnSelection(Mode mode, List<String> columns) {

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

    /** True if the named column is kept; names compare ignoring case, as MySQL does. */
    public boolean keeps(String column) {
        switch (mode) {
            case INCLUDE:
                return containsIgnoreCase(column);
            case EXCLUDE:
                return !containsIgnoreCase(column);
            default:
                return true;
        }
    }

    private boolean containsIgnoreCase(String column) {
        return columns.stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    @Override
    public String toString() {
        return mode == Mode.ALL ? "all" : mode.name().toLowerCase(java.util.Locale.ROOT) + " " + columns;
    }
}
