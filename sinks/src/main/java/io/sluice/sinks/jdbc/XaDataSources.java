package io.sluice.sinks.jdbc;

import com.mysql.cj.jdbc.MysqlXADataSource;
import org.postgresql.xa.PGXADataSource;

import javax.sql.XADataSource;

import java.util.Locale;
import java.util.Properties;

/** The driver's {@link XADataSource} for a sink's URL, with the dialect's batch properties added to the URL. */
final class XaDataSources {
    private XaDataSources() {}

    static XADataSource create(JdbcSinkOptions options, SqlDialect dialect) {
        String url = withDefaults(options.url(), dialect.defaultProperties());
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            PGXADataSource ds = new PGXADataSource();
            ds.setUrl(url);
            if (options.username() != null) {
                ds.setUser(options.username());
            }
            if (options.password() != null) {
                ds.setPassword(options.password());
            }
            return ds;
        }
        MysqlXADataSource ds = new MysqlXADataSource();
        ds.setUrl(url.replaceFirst("(?i)^jdbc:mariadb:", "jdbc:mysql:"));
        if (options.username() != null) {
            ds.setUser(options.username());
        }
        if (options.password() != null) {
            ds.setPassword(options.password());
        }
        return ds;
    }

    /** Adds each property the URL does not set already. */
    static String withDefaults(String url, Properties defaults) {
        StringBuilder sb = new StringBuilder(url);
        String lower = url.toLowerCase(Locale.ROOT);
        for (String name : defaults.stringPropertyNames()) {
            if (!lower.contains(name.toLowerCase(Locale.ROOT) + "=")) {
                sb.append(sb.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(defaults.getProperty(name));
            }
        }
        return sb.toString();
    }
}
