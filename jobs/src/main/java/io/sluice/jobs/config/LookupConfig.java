package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A one-to-one lookup of a join: the row of {@code table} whose columns equal the parent's, as
 * given by {@code on} (parent column to {@code table} column), contributes {@code fields}
 * (column to output name; empty means every column under its own name). Nested {@code lookups}
 * join on this lookup's columns.
 */
@PublicEvolving
public record LookupConfig(TableName table, Map<String, String> on, Map<String, String> fields, List<LookupConfig> lookups) {

    public LookupConfig {
        Objects.requireNonNull(table, "table");
        on = Copies.orderedMap(on);
        fields = Copies.orderedMap(fields);
        lookups = List.copyOf(lookups);
    }
}
