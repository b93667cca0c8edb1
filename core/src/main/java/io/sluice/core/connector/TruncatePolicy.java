package io.sluice.core.connector;

import io.sluice.event.SchemaChange;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a sink or an aggregate does when a table it reads is emptied ({@code TRUNCATE}) or removed
 * ({@code DROP TABLE}) at the source: the {@code truncate} key. Neither is a row change, so
 * without a choice the target would silently keep rows the source no longer has.
 */
@PublicEvolving
public enum TruncatePolicy implements ConfigName {
    /** Stop the job, naming the table and this key (the default): nothing is left behind unnoticed. */
    FAIL,
    /** Go on; the target keeps the table's rows (logged). */
    IGNORE,
    /** Remove what the table wrote to the target, where the sink can tell what that is. */
    DELETE;

    /** The key's name. */
    public static final String KEY = "truncate";

    /** TRUNCATE [TABLE] or DROP TABLE, not DROP TEMPORARY TABLE (a session's own table, never captured). */
    private static final Pattern REMOVING =
            Pattern.compile("^\\s*(?:TRUNCATE|DROP\\s+TABLE)\\b", Pattern.CASE_INSENSITIVE);
    /** Comments a tool may put into the statement ({@code drop /* gh-ost *&#47; table ...}). */
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|--[^\\n]*|#[^\\n]*", Pattern.DOTALL);

    /**
     * The key as a sink describes it.
     *
     * @param deletes what {@code delete} removes, or null when the sink cannot delete (then the
     *     sink's checks refuse it with {@link #refuseDelete})
     */
    public static ConfigOption<TruncatePolicy> option(String deletes) {
        return ConfigOption.choice(KEY, TruncatePolicy.class, "truncate policy").withDefault(FAIL)
                .withDoc("What the sink does when a table it reads is truncated or dropped at the source: `fail` stops"
                        + " the job naming the table, `ignore` goes on and the target keeps the rows"
                        + (deletes == null ? "; `delete` is not available for this sink" : ", `delete` " + deletes)
                        + ".");
    }

    /** Reports {@code delete} on a sink that cannot delete a table's rows. */
    public static void refuseDelete(Options options, OptionErrors errors, ConfigOption<TruncatePolicy> option,
            String why) {
        if (options.get(option) == DELETE) {
            errors.error(option, "truncate: delete is not available for this sink: " + why
                    + "; expected fail or ignore");
        }
    }

    /** {@code "truncated"} or {@code "dropped"} when the change empties or removes its table; empty otherwise. */
    public static Optional<String> removal(SchemaChange change) {
        String ddl = COMMENTS.matcher(change.ddl()).replaceAll(" ");
        if (!REMOVING.matcher(ddl).find()) {
            return Optional.empty();
        }
        return Optional.of(ddl.trim().toUpperCase(java.util.Locale.ROOT).startsWith("TRUNCATE") ? "truncated" : "dropped");
    }

    /** Where a change was read, for messages: {@code binlog.000003:1234}. */
    public static String at(SchemaChange change) {
        return change.source().file() + ":" + change.source().position();
    }
}
