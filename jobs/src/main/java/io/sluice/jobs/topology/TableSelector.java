package io.sluice.jobs.topology;

import io.sluice.event.Event;
import io.sluice.core.table.TablePattern;
import io.sluice.jobs.config.TableName;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.FilterFunction;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps the events of the tables a block reads: a sink's {@code from} is a table name
 * ({@code shop.orders}, any case) or, when it is not a plain name, a regex on {@code db.table}
 * with Canal's semantics (the whole name, any case); a join reads a set of tables.
 */
@Internal
public final class TableSelector implements FilterFunction<Event> {
    private static final long serialVersionUID = 1L;

    /** Lower-case table names; empty when {@link #pattern} is set. */
    private final Set<String> tables;
    /** Null when the selector keeps named tables. */
    private final TablePattern pattern;

    private TableSelector(Set<String> tables, TablePattern pattern) {
        this.tables = tables;
        this.pattern = pattern;
    }

    /**
     * @throws java.util.regex.PatternSyntaxException when {@code from} is neither a table name nor
     *     a valid regex
     */
    public static TableSelector of(String from) {
        if (isTableName(from)) {
            return anyOf(List.of(from));
        }
        return new TableSelector(Set.of(), TablePattern.compile(from));
    }

    /** Keeps the events of any of the named tables ({@code db.table}, any case). */
    public static TableSelector anyOf(Collection<String> tables) {
        Set<String> lower = new HashSet<>();
        tables.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
        return new TableSelector(Set.copyOf(lower), null);
    }

    /** True when {@code from} names one table rather than a pattern. */
    public static boolean isTableName(String from) {
        return TableName.looksLikeTableName(from);
    }

    @Override
    public boolean filter(Event event) {
        String table = event.table().toString();
        return pattern == null ? tables.contains(table.toLowerCase(Locale.ROOT)) : pattern.matches(table);
    }
}
