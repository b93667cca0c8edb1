package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code jdbc} sink: rows go to the table made from the {@code table} template
 * ({@code seller_daily_{seller_id % 4}} for sharded targets), in {@code database} when given.
 * With {@code createTables} missing target tables are created from the source schema.
 */
@PublicEvolving
public record JdbcSinkConfig(
        Optional<String> name,
        String from,
        String url,
        Optional<String> username,
        Optional<Secret> password,
        Expr table,
        Optional<String> database,
        JdbcWriteMode mode,
        boolean createTables,
        ErrorPolicy errorPolicy)
        implements SinkConfig {

    /** A password given as a URL parameter, masked by {@link #toString()}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    public JdbcSinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
    }

    @Override
    public SinkType type() {
        return SinkType.JDBC;
    }

    /** The URL with any {@code password=} parameter masked, for printing. */
    public String maskedUrl() {
        return maskUrl(url);
    }

    /** A JDBC URL with any {@code password=} parameter masked. */
    public static String maskUrl(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(Secret.MASK));
    }

    @Override
    public String toString() {
        return "JdbcSinkConfig[name=" + name + ", from=" + from + ", url=" + maskedUrl()
                + ", username=" + username + ", password=" + password + ", table=" + table
                + ", database=" + database + ", mode=" + mode + ", createTables=" + createTables
                + ", errorPolicy=" + errorPolicy + "]";
    }
}
