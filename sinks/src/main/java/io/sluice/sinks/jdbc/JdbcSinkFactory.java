package io.sluice.sinks.jdbc;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.List;

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
        return List.of(URL, USERNAME, PASSWORD, TABLE, DATABASE, MODE, CREATE_TABLES);
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        String url = options.get(URL);
        if (url != null && !url.startsWith("jdbc:")) {
            String shown = options.substituted(URL) ? "'" + options.asWritten(URL) + "'" : "'" + Secret.maskUrlPasswords(url) + "'";
            errors.error(URL, "invalid JDBC URL " + shown + "; expected " + URL.accepted());
        }
    }

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
                .transactionScope(context.scope());
        options.getOptional(USERNAME).ifPresent(builder::username);
        options.getOptional(PASSWORD).ifPresent(p -> builder.password(p.reveal()));
        options.getOptional(DATABASE).ifPresent(builder::database);
        return builder.build();
    }
}
