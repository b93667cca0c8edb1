package io.sluice.sinks.common;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * Thrown by a sink whose error policy is {@code fail} when the target rejects a record
 * permanently; the job fails with it and restarts according to its restart strategy.
 */
@PublicEvolving
public final class RejectedRecordException extends FlinkRuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
