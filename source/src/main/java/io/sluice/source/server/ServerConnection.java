package io.sluice.source.server;

import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;

import org.apache.flink.annotation.Internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A JDBC connection to the source server for metadata queries, opened on demand and reopened
 * after it breaks. Login failures become a {@link SluiceSourceException} that names the fix.
 */
@Internal
public final class ServerConnection implements AutoCloseable {
    private final BinlogSourceConfig config;
    private Connection connection;
    private Boolean mariaDb;

    public ServerConnection(BinlogSourceConfig config) {
        this.config = config;
    }

    /** The open connection, reconnecting when needed. */
    public Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(5)) {
            closeQuietly();
            connection = newConnection();
        }
        return connection;
    }

    /** A new connection the caller closes. */
    public Connection newConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.username());
        props.setProperty("password", config.password());
        try {
            Connection c = DriverManager.getConnection(config.jdbcUrl(), props);
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION time_zone = '+00:00'");
            }
            return c;
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
    }

    public boolean isMariaDb() {
        if (mariaDb == null) {
            try {
                mariaDb = connection().getMetaData().getDatabaseProductVersion().toLowerCase().contains("mariadb");
            } catch (SQLException e) {
                throw ServerErrors.explain(e, config);
            }
        }
        return mariaDb;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection is being replaced
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
