package io.sluice.sinks.jdbc;

import io.sluice.core.template.Template;

import io.sluice.event.RowChange;
import io.sluice.core.failure.PermanentFailureException;

import java.util.List;
import java.util.regex.Pattern;
import java.util.Optional;

/**
 * Turns a row change into keyed changes of target tables: a delete deletes its key from the
 * table its before image routes to; an insert or read upserts into the table its after image
 * routes to; an update upserts, and also deletes the old row when its key or its target table
 * (a sharding column) changed.
 */
final class JdbcEmitter {
    private final JdbcSinkOptions options;

    /** One keyed change of one target table. */
    record Change(TargetTable target, boolean delete, Object[] image) {}

    JdbcEmitter(JdbcSinkOptions options) {
        this.options = options;
    }

    /** @throws PermanentFailureException when the table template cannot be filled for this row */
    List<Change> emit(RowChange row) {
        switch (row.op()) {
            case DELETE:
                return List.of(new Change(target(row, row.before()), true, row.before()));
            case INSERT:
            case READ:
                return List.of(new Change(target(row, row.after()), false, row.after()));
            default: {
                TargetTable before = target(row, row.before());
                TargetTable after = target(row, row.after());
                Change upsert = new Change(after, false, row.after());
                return before.equals(after) && !row.changesKey()
                        ? List.of(upsert)
                        : List.of(new Change(before, true, row.before()), upsert);
            }
        }
    }

    TargetTable target(RowChange row, Object[] image) {
        return TargetTable.parse(options.table().render(row.table(), row.schema(), image, NAME_PART),
                options.database());
    }

    /** Characters a value may put into a table name: never a '.', which would switch the database, nor a quote. */
    private static final Pattern NAME_CHARS = Pattern.compile("[\\p{L}\\p{N}_$-]{1,64}");

    /** What a placeholder of the {@code table} template may render to. */
    static final Template.ValueRule NAME_PART = value -> NAME_CHARS.matcher(value).matches() ? Optional.empty()
            : Optional.of("cannot stand in a table name: a value may only hold letters, digits, _, $ and - (at most 64;"
                    + " a '.' would switch the database)");
}
