package io.sluice.sinks.jdbc;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.template.Template;
import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code type: jdbc}: the keys of a jdbc sink, and the sink built from them. */
@Internal
public final class JdbcSinkFactory implements SinkFactory {

    public static final ConfigOption<String> URL = ConfigOption.string("url").required()
            .accepting("a JDBC URL, e.g. jdbc:mysql://127.0.0.1:3306/report?rewriteBatchedStatements=true")
            .withDoc("jdbc:mysql:, jdbc:mariadb: or jdbc:postgresql: URL of the target database.");
    public static final ConfigOption<String> USERNAME = ConfigOption.string("username").accepting("a user name")
            .withDoc("The database user.");
    public static final ConfigOption<Secret> PASSWORD = ConfigOption.secret("password").withDoc("The user's password.");
    public static final ConfigOption<String> TABLE = ConfigOption
            .template("table", "seller_daily or seller_daily_{seller_id % 4}").required()
            .withDoc("The target table.");
    public static final ConfigOption<String> DATABASE = ConfigOption.string("database").accepting("a database name")
            .withDoc("The target database (schema), when not the URL's.");
    public static final ConfigOption<JdbcWriteMode> MODE = ConfigOption.choice("mode", JdbcWriteMode.class, "jdbc mode")
            .withDefault(JdbcWriteMode.UPSERT)
            .withDoc("upsert: idempotent keyed writes per checkpoint; xa: XA transactions committed with it.");
    public static final ConfigOption<Boolean> CREATE_TABLES = ConfigOption.bool("create-tables").withDefault(false)
            .withDoc("Create missing target tables from the source schema.");
    public static final ConfigOption<TruncatePolicy> TRUNCATE = TruncatePolicy.option("deletes every row of the target"
            + " table (`DELETE FROM`); it needs a `table` template made of `{db}`/`{table}` only, with both when `from`"
            + " is a pattern, `mode: upsert`, and no route that merges tables into the one the sink reads");

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "Rows in a relational database.";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(URL, USERNAME, PASSWORD, TABLE, DATABASE, MODE, CREATE_TABLES, TRUNCATE);
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        String url = options.get(URL);
        if (url != null && !url.startsWith("jdbc:")) {
            String shown = options.substituted(URL) ? "'" + options.asWritten(URL) + "'" : "'" + Secret.maskUrlPasswords(url) + "'";
            errors.error(URL, "invalid JDBC URL " + shown + "; expected " + URL.accepted());
        }
        if (options.get(TRUNCATE) == TruncatePolicy.DELETE) {
            if (options.get(MODE) == JdbcWriteMode.XA) {
                errors.error(TRUNCATE, "truncate: delete does not go with mode: xa (the rows written before the"
                        + " truncation commit with the checkpoint, after the delete); expected fail or ignore, or mode:"
                        + " upsert");
            }
            String table = options.get(TABLE);
            if (table != null && Template.problem(table).isEmpty()
                    && !TABLE_NAMES.containsAll(Template.parse(table).names())) {
                errors.error(TRUNCATE, "truncate: delete needs a table template that names the target from {db} and"
                        + " {table} only, so that a truncated table's rows are all in one target table; '" + table
                        + "' uses " + Template.parse(table).names() + "; expected fail or ignore, or such a template");
            }
        }
    }

    private static final Set<String> TABLE_NAMES = Set.of("db", "table");

    /**
     * With {@code truncate: delete}, each source table the sink reads must write a target table of
     * its own: a single table ({@code db.table}), or a template with both {@code {db}} and {@code
     * {table}}.
     */
    static void checkDeleteTargets(String from, Template table, TruncatePolicy truncate) {
        if (truncate != TruncatePolicy.DELETE || SINGLE_TABLE.matcher(from).matches()
                || table.names().containsAll(TABLE_NAMES)) {
            return;
        }
        throw new IllegalArgumentException("truncate: delete with from: '" + from + "' (several tables) needs a table"
                + " template with both {db} and {table}, so that deleting one source table's rows leaves the others';"
                + " '" + table.text() + "' does not; expected truncate: fail or ignore, or such a template");
    }

    /** A plain {@code db.table}, which names one table. */
    private static final Pattern SINGLE_TABLE = Pattern.compile("[\\w$]+\\.[\\w$]+");

    @Override
    public String target(Options options) {
        return options.get(TABLE);
    }

    /** The URL with its passwords masked: rotating a password keeps an unnamed sink's uid. */
    @Override
    public String identity(Options options) {
        return Secret.maskUrlPasswords(options.get(URL)) + "|" + options.get(TABLE);
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        Options options = context.options();
        JdbcSinkBuilder builder = JdbcSink.builder()
                .name(context.name())
                .url(options.get(URL))
                .table(options.get(TABLE))
                .mode(options.get(MODE))
                .createTables(options.get(CREATE_TABLES))
                .errorPolicy(context.errorPolicy())
                .truncate(context.options().get(TRUNCATE))
                .transactionScope(context.scope());
        checkDeleteTargets(context.from(), Template.parse(options.get(TABLE)), options.get(TRUNCATE));
        options.getOptional(USERNAME).ifPresent(builder::username);
        options.getOptional(PASSWORD).ifPresent(p -> builder.password(p.reveal()));
        options.getOptional(DATABASE).ifPresent(builder::database);
        return builder.build();
    }
}
