package io.sluice.jobs.topology;

import io.sluice.event.Event;
import io.sluice.jobs.config.TableName;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.FilterFunction;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps the events of the tables a sink reads: its {@code from} is a table name ({@code shop.orders},
 * any case) or, when it is not a plain name, a regex on {@code db.table} with Canal's semantics
 * (the whole name, any case).
 */
@Internal
public final class TableSelector implements FilterFunction<Event> {
    private static final long serialVersionUID = 1L;

    private final String from;
    /** Null when {@code from} is a plain table name. */
    private final Pattern pattern;

    private TableSelector(String from, Pattern pattern) {
        this.from = from;
        this.pattern = pattern;
    }

    /**
     * @throws java.util.regex.PatternSyntaxException when {@code from} is neither a table name nor
     *     a valid regex
     */
    public static TableSelector of(String from) {
        if (isTableName(from)) {
            return new TableSelector(from.toLowerCase(Locale.ROOT), null);
        }
        return new TableSelector(from, Pattern.compile(from, Pattern.CASE_INSENSITIVE));
    }

    /** True when {@code from} names one table rather than a pattern. */
    public static boolean isTableName(String from) {
        return TableName.looksLikeTableName(from);
    }

    @Override
    public boolean filter(Event event) {
        String table = event.table().toString();
        return pattern == null ? table.toLowerCase(Locale.ROOT).equals(from) : pattern.matcher(table).matches();
    }
}
