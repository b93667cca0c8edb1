package io.sluice.sinks.jdbc;

import java.util.Objects;

/**
 * A target table: its database (a schema in PostgreSQL), or null for the connection's default,
 * and its name, both exactly as the table template produced them.
 */
record TargetTable(String database, String table) {
    TargetTable {
        Objects.requireNonNull(table, "table");
    }

    /** Splits a rendered template at its first dot: {@code report_eu.seller_daily}. */
    static TargetTable parse(String rendered, String defaultDatabase) {
        int dot = rendered.indexOf('.');
        if (dot > 0 && dot < rendered.length() - 1) {
            return new TargetTable(rendered.substring(0, dot), rendered.substring(dot + 1));
        }
        return new TargetTable(defaultDatabase, rendered);
    }

    @Override
    public String toString() {
        return database == null ? table : database + "." + table;
    }
}
