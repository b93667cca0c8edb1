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
    /** ER_CONNECTION_KILLED (MariaDB): the server killed the connection. */
    public static final int CONNECTION_KILLED = 1927;
    /**
     * ER_SLAVE_SAME_ID (MariaDB 10.6+): a newer binlog connection with the same server id took
     * over; MySQL reports the same with {@link #BINLOG_READ_ERROR} and a message naming it.
     */
    public static final int SLAVE_SAME_ID = 4052;

    private ServerErrors() {}

    /** Explains a JDBC failure; the {@link SQLException} stays the cause. */
    public static RuntimeException explain(SQLException e, BinlogSourceConfig config) {
        return explain(e.getErrorCode(), e.getMessage(), e, config);
    }

    /** Explains a server error; returns a {@link SluiceSourceException} when retrying cannot help. */
    public static RuntimeException explain(int code, String message, Throwable cause, BinlogSourceConfig config) {
        String server = config.hostname() + ":" + config.port();
        Throwable tls = tlsFailure(cause);
        if (tls != null) {
            return new SluiceSourceException("TLS with the source server " + server + " failed (" + config.tls()
                    + "): " + tls.getMessage() + ". Check source.tls: the trust store must hold the CA that signed the"
                    + " server's certificate, and verify-identity needs that certificate to name the host "
                    + config.hostname() + ".", cause);
        }
        switch (code) {
            case ACCESS_DENIED:
                return new SluiceSourceException(
                        "cannot log in to the source server " + server + " as '" + config.username()
                                + "': " + message + ". Check source.username and source.password"
                                + (config.tls().enabled() ? "." : ", and whether the user must connect with TLS"
                                        + " (source.tls)."), cause);
            case MISSING_PRIVILEGE:
                return new SluiceSourceException(
                        "user '" + config.username() + "' on " + server + " lacks a privilege the binlog"
                                + " source needs: " + message + ". Grant them with: GRANT SELECT, RELOAD, SHOW"
                                + " DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '"
                                + config.username() + "'@'%' (on MariaDB 10.5+ REPLICATION CLIENT is also called"
                                + " BINLOG MONITOR).", cause);
            case SLAVE_SAME_ID:
                return duplicateServerId(message, cause, config);
            default:
                if (code == BINLOG_READ_ERROR && isDuplicateServerId(message)) {
                    return duplicateServerId(message, cause, config);
                }
                return new SluiceSourceException(
                        "source server " + server + " failed: " + message + " (error " + code + ")", cause);
        }
    }

    /** The certificate or handshake failure among the causes, if any. */
    private static Throwable tlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
                return t;
            }
        }
        return null;
    }

    /** The error for a binlog connection another client with the same server id took over. */
    public static SluiceSourceException duplicateServerId(String message, Throwable cause, BinlogSourceConfig config) {
        return new SluiceSourceException(
                "another replica or CDC client connected to " + config.hostname() + ":" + config.port()
                        + " with the same server-id " + config.serverId() + " as this source, and the server"
                        + " closed this source's binlog connection (" + message + "). Give every replica and"
                        + " CDC client of that server its own source.server-id.", cause);
    }

    private static boolean isDuplicateServerId(String message) {
        String lower = message == null ? "" : message.toLowerCase();
        return lower.contains("same server_uuid/server_id") || lower.contains("same server_id")
                || lower.contains("same server-id");
    }

    /** True for errors that come from the data or configuration, not from a passing fault. */
    public static boolean isPermanent(int code) {
        return code == ACCESS_DENIED || code == MISSING_PRIVILEGE || code == BINLOG_READ_ERROR
                || code == SLAVE_SAME_ID;
    }
}
