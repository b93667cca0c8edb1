package io.sluice.source.server;

import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;

import org.apache.flink.annotation.Internal;

import java.sql.SQLException;

/** Turns the server's error codes into messages that say what is wrong and how to fix it. */
@Internal
public final class ServerErrors {
    /** ER_ACCESS_DENIED_ERROR: wrong user or password. */
    public static final int ACCESS_DENIED = 1045;
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: a missing privilege. */
    public static final int MISSING_PRIVILEGE = 1227;
    /** ER_MASTER_FATAL_ERROR_READING_BINLOG: purged file, bad position, duplicate server id... */
    public static final int BINLOG_READ_ERROR = 1236;
    /** ER_CONNECTION_KILLED (MariaDB): another connection took over the dump. */
    public static final int CONNECTION_KILLED = 1927;

    private ServerErrors() {}

    /** Explains a JDBC failure; connection failures that may pass stay SQLExceptions' causes. */
    public static RuntimeException explain(SQLException e, BinlogSourceConfig config) {
        return explain(e.getErrorCode(), e.getMessage(), e, config);
    }

    /** Explains a server error; returns a {@link SluiceSourceException} when retrying cannot help. */
    public static RuntimeException explain(int code, String message, Throwable cause, BinlogSourceConfig config) {
        String server = config.hostname() + ":" + config.port();
        switch (code) {
            case ACCESS_DENIED:
                return new SluiceSourceException(
                        "cannot log in to the source server " + server + " as '" + config.username()
                                + "': " + message + ". Check source.username and source.password.", cause);
            case MISSING_PRIVILEGE:
                return new SluiceSourceException(
                        "user '" + config.username() + "' on " + server + " lacks a privilege the binlog"
                                + " source needs: " + message + ". Grant them with: GRANT SELECT, RELOAD, SHOW"
                                + " DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '"
                                + config.username() + "'@'%' (MariaDB 10.5+: also BINLOG MONITOR).", cause);
            default:
                return new SluiceSourceException(
                        "source server " + server + " failed: " + message + " (error " + code + ")", cause);
        }
    }

    /** True for errors that come from the data or configuration, not from a passing fault. */
    public static boolean isPermanent(int code) {
        return code == ACCESS_DENIED || code == MISSING_PRIVILEGE || code == BINLOG_READ_ERROR;
    }
}
