package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * A DDL statement that changed a tracked table, with the table's schema after it (null when the
 * table was dropped).
 */
@PublicEvolving
public record SchemaChange(TableId table, String ddl, TableSchema schema, SourceInfo source)
        implements Event {
    public SchemaChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(ddl, "ddl");
        Objects.requireNonNull(source, "source");
    }
}
