package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A literal {@code db.table} name (not a pattern), as used by route targets and joins. */
@PublicEvolving
public record TableName(String database, String table) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_$]+");

    public TableName {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
    }

    /** Parses {@code db.table}; empty if the text is not two plain identifiers joined by a dot. */
    public static Optional<TableName> parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String db = text.substring(0, dot);
        String table = text.substring(dot + 1);
        if (!PART.matcher(db).matches() || !PART.matcher(table).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TableName(db, table));
    }

    /** True if {@code text} has the shape of a {@code db.table} name. */
    public static boolean looksLikeTableName(String text) {
        return parse(text).isPresent();
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
