package io.sluice.jobs.config;

import io.sluice.core.table.TablePattern;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;

/** The key columns to use for tables without a primary key: one entry of {@code source.keys}. */
@PublicEvolving
public record KeyOverride(TablePattern table, List<String> columns) {

    public KeyOverride {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }
}
