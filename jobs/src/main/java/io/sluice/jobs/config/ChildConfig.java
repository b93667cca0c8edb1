package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Map;
import java.util.Objects;

/**
 * A one-to-many part of a join: the rows of {@code table} matching the main row by {@code on}
 * (main column to {@code table} column) become an array named {@code as}, each element holding
 * {@code fields} (column to output name; empty means every column).
 */
@PublicEvolving
public record ChildConfig(TableName table, Map<String, String> on, String as, Map<String, String> fields) {

    public ChildConfig {
        Objects.requireNonNull(table, "table");
        on = Copies.orderedMap(on);
        Objects.requireNonNull(as, "as");
        fields = Copies.orderedMap(fields);
    }
}
