package io.sluice.sinks.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens connections for a sink with the dialect's batch properties. The driver is loaded from
 * this class's class loader rather than through {@link java.sql.DriverManager}, which cannot see
 * drivers in a job jar's user class loader.
 */
final class Connections {
    private final JdbcSinkOptions options;
    private final SqlDialect dialect;
    private transient Driver driver;

    Connections(JdbcSinkOptions options, SqlDialect dialect) {
        this.options = options;
        this.dialect = dialect;
    }

    /** The defaults a URL may change: the driver's timeouts. */
    private static final java.util.Set<String> URL_DEFAULTS = java.util.Set.of("connectTimeout", "socketTimeout");

    /**
     * A new connection. The timeouts go into the URL where it does not set them itself (MySQL's
     * driver prefers a {@link Properties} value to the URL's, so a user's {@code socketTimeout=...}
     * would otherwise lose); the other defaults, which the sink's values rely on (UTC session,
     * UTF-8), stay in the properties and win over the URL.
     */
    Connection open() throws SQLException {
        Properties defaults = dialect.defaultProperties();
        Properties timeouts = new Properties();
        Properties props = new Properties();
        for (String name : defaults.stringPropertyNames()) {
            (URL_DEFAULTS.contains(name) ? timeouts : props).setProperty(name, defaults.getProperty(name));
        }
        if (options.username() != null) {
            props.setProperty("user", options.username());
        }
        if (options.password() != null) {
            props.setProperty("password", options.password());
        }
        Connection connection = driver().connect(XaDataSources.withDefaults(options.url(), timeouts), props);
        if (connection == null) {
            throw new SQLException("the " + dialect.name() + " driver does not accept " + options.maskedUrl(), "08001");
        }
        return connection;
    }

    private Driver driver() throws SQLException {
        if (driver == null) {
            String url = options.url().toLowerCase(Locale.ROOT);
            String className = url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver"
                    : url.startsWith("jdbc:mariadb:") ? "org.mariadb.jdbc.Driver" : "com.mysql.cj.jdbc.Driver";
            try {
                driver = (Driver) Class.forName(className, true, Connections.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new JdbcTargetException(options.name() + ": JDBC driver " + className + " for " + options.maskedUrl()
                        + " is not on the classpath" + (className.contains("mariadb")
                                ? "; use a jdbc:mysql: URL, mysql-connector-j is included" : ""), e);
            }
        }
        return driver;
    }
}
