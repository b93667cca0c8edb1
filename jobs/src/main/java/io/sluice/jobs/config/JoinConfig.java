package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code joins}: a document per row of the {@code main} table, widened by lookups
 * and children, kept up to date as any of them changes. Sinks and aggregates read it by name.
 */
@PublicEvolving
public record JoinConfig(
        String name, TableName main, List<LookupConfig> lookups, List<ChildConfig> children, JoinOutput output) {

    public JoinConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(main, "main");
        lookups = List.copyOf(lookups);
        children = List.copyOf(children);
        Objects.requireNonNull(output, "output");
    }
}
