package io.sluice.transforms.filter;

import io.sluice.event.ColumnSelection;
import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One filter, mirroring {@code io.sluice.jobs.config.FilterConfig}: for the tables matching
 * {@code table} (a Canal regex list on {@code db.table}), keep only the changes whose kind is in
 * {@code ops} and whose row satisfies {@code where}, with the selected {@code columns}. Changes of
 * other tables pass untouched.
 *
 * <p>{@code where} is evaluated on both images of an update: an update whose new image stops
 * passing becomes a delete of the old image, one that starts passing becomes an insert of the new
 * one. {@code ops} then applies to the change as it leaves the predicate; an empty set means all.
 */
@PublicEvolving
public record FilterSpec(String table, Set<FilterOp> ops, Optional<String> where, ColumnSelection columns) {

    public FilterSpec {
        Objects.requireNonNull(table, "table");
        ops = Collections.unmodifiableSet(ops == null || ops.isEmpty()
                ? EnumSet.allOf(FilterOp.class) : EnumSet.copyOf(ops));
        where = where == null ? Optional.empty() : where;
        columns = columns == null ? ColumnSelection.ALL : columns;
    }

    /** A filter on {@code table} that keeps everything; refine it with the {@code with...} methods. */
    public static FilterSpec on(String table) {
        return new FilterSpec(table, Set.of(), Optional.empty(), ColumnSelection.ALL);
    }

    public FilterSpec withOps(FilterOp... kept) {
        return new FilterSpec(table, kept.length == 0 ? Set.of() : EnumSet.of(kept[0], kept), where, columns);
    }

    public FilterSpec withWhere(String condition) {
        return new FilterSpec(table, ops, Optional.of(condition), columns);
    }

    public FilterSpec withColumns(ColumnSelection selection) {
        return new FilterSpec(table, ops, where, selection);
    }
}
