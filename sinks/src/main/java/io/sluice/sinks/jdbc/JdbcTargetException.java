package io.sluice.sinks.jdbc;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * A target the sink cannot write to, whatever the record: a missing table or column, no usable
 * key. It fails the job with a message that says how to fix the target or to set
 * {@code create-tables}.
 */
@PublicEvolving
public final class JdbcTargetException extends FlinkRuntimeException {
    private static final long serialVersionUID = 1L;

    public JdbcTargetException(String message) {
        super(message);
    }

    public JdbcTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
