package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;

/** A table's database and name; {@code toString()} is {@code db.table}, as Canal's filters see it. */
@PublicEvolving
public record TableId(String db, String table) implements Serializable, Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(table, "table");
    }

    /** Parses {@code db.table}; the table part may not contain a dot. */
    public static TableId parse(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || qualified.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException(
                    "'" + qualified + "' is not a table name; expected db.table");
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public int compareTo(TableId o) {
        int c = db.compareTo(o.db);
        return c != 0 ? c : table.compareTo(o.table);
    }

    @Override
    public String toString() {
        return db + "." + table;
    }
}
