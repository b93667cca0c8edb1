package io.sluice.sinks.jdbc;

import io.sluice.core.failure.FailureKind;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Classifies JDBC failures by SQLState and vendor code. Retriable: connection failures (class 08),
 * transaction rollbacks such as deadlocks (40), a server shutting down or starting (57P0x),
 * insufficient resources (53), MySQL's lock wait timeout (1205) and lost connections. Fatal for
 * the sink, whatever the record: a missing table or column, a syntax or permission error (42, 28,
 * 3D, 3F): they fail the job instead of sending every record to the error policy. Everything else
 * (data exceptions 22, constraint violations 23, ...) is permanent for the record.
 */
final class JdbcFailures {
    private static final Set<Integer> MYSQL_RETRIABLE_CODES = Set.of(1205, 1213, 1040, 2002, 2003, 2006, 2013, 1927);

    private JdbcFailures() {}

    static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return FailureKind.RETRIABLE;
            }
            if (t instanceof SQLException e) {
                String state = e.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57P0"))) {
                    return FailureKind.RETRIABLE;
                }
                if (MYSQL_RETRIABLE_CODES.contains(e.getErrorCode()) && (state == null || !state.startsWith("42"))) {
                    return FailureKind.RETRIABLE;
                }
                SQLException next = e.getNextException();
                if (next != null && next != e && classify(next) == FailureKind.RETRIABLE) {
                    return FailureKind.RETRIABLE;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureKind.PERMANENT;
    }

    /** A failure no record is to blame for: the sink's configuration or the target's shape. */
    static boolean isFatal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("42") || state.startsWith("28") || state.startsWith("3D") || state.startsWith("3F")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The most telling message of a (batch) exception: the first chained SQLException's. */
    static String message(Throwable failure) {
        if (failure instanceof SQLException e && e.getNextException() != null) {
            return e.getNextException().getMessage();
        }
        return String.valueOf(failure.getMessage());
    }
}
