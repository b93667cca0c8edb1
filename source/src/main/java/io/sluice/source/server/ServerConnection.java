package io.sluice.source.server;

import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;

import org.apache.flink.annotation.Internal;

import com.mysql.cj.jdbc.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A JDBC connection to the source server for metadata queries, opened on demand and reopened
 * after it breaks. Login failures become a {@link SluiceSourceException} that names the fix.
 */
@Internal
public final class ServerConnection implements AutoCloseable {
    private static final Driver DRIVER = newDriver();

    private final BinlogSourceConfig config;
    private Connection connection;
    private Boolean mariaDb;
    private String binlogStatus;
    private boolean closed;

    public ServerConnection(BinlogSourceConfig config) {
        this.config = config;
    }

    /**
     * The open connection, reconnecting when needed. Synchronized: the binlog stream opens it on
     * another thread while its binlog connection is being set up.
     */
    public synchronized Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("the metadata connection to " + config.hostname() + ":" + config.port() + " was closed");
        }
        if (connection == null || !connection.isValid(5)) {
            closeQuietly();
            connection = newConnection();
        }
        return connection;
    }

    /** A new connection the caller closes. */
    public Connection newConnection() throws SQLException {
        Properties props = config.connectionProperties();
        try {
            Connection c = open(config.jdbcUrl(), props);
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION time_zone = '+00:00'");
            }
            return c;
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
    }

    /**
     * Opens a connection with mysql-connector-j's driver from this class's class loader. Not through
     * {@code DriverManager}: on a session cluster it keeps the driver registered by the first job's
     * class loader and refuses it to the next job's ("No suitable driver").
     */
    public static Connection open(String jdbcUrl, Properties props) throws SQLException {
        Connection c = DRIVER.connect(jdbcUrl, props);
        if (c == null) {
            throw new SQLException("mysql-connector-j does not accept the URL " + jdbcUrl, "08001");
        }
        return c;
    }

    /** The statement that shows the binlog's current file and position on this server. */
    public synchronized String binlogStatus() {
        if (binlogStatus == null) {
            try {
                binlogStatus = ServerStatements.binlogStatus(connection().getMetaData().getDatabaseProductVersion());
            } catch (SQLException e) {
                throw ServerErrors.explain(e, config);
            }
        }
        return binlogStatus;
    }

    public synchronized boolean isMariaDb() {
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
    public synchronized void close() {
        closed = true;
        closeQuietly();
    }

    private static Driver newDriver() {
        try {
            return new Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the mysql-connector-j driver", e);
        }
    }
}
