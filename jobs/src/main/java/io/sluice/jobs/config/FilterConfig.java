package io.sluice.jobs.config;

import io.sluice.core.table.TablePattern;

import io.sluice.event.ColumnSelection;
import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code filters}: for the tables matching {@code table}, keep only the changes of
 * the listed {@code ops} whose row satisfies {@code where}, with the selected {@code columns}.
 */
@PublicEvolving
public record FilterConfig(TablePattern table, Set<ChangeOp> ops, Optional<Expr> where, ColumnSelection columns) {

    public FilterConfig {
        Objects.requireNonNull(table, "table");
        ops = Collections.unmodifiableSet(ops.isEmpty() ? EnumSet.noneOf(ChangeOp.class) : EnumSet.copyOf(ops));
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(columns, "columns");
    }
}
