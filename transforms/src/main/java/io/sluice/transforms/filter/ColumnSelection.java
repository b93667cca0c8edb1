package io.sluice.transforms.filter;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which columns a filter keeps (Canal's {@code filter.field} / {@code black.field}); mirrors
 * {@code io.sluice.jobs.config.ColumnSelection}. Names compare ignoring case, as MySQL does. Key
 * columns are always kept, whatever the selection says, so the row keeps its identity.
 */
@PublicEvolving
public record ColumnSelection(Mode mode, List<String> columns) implements Serializable {

    /** How {@link #columns()} is read. */
    public enum Mode {
        ALL,
        INCLUDE,
        EXCLUDE
    }

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

    /** True if the named column is selected (before the key-column rule). */
    public boolean keeps(String column) {
        switch (mode) {
            case INCLUDE:
                return contains(column);
            case EXCLUDE:
                return !contains(column);
            default:
                return true;
        }
    }

    private boolean contains(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        return columns.stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(lower));
    }
}
