package io.sluice.core.failure;

import org.apache.flink.annotation.Internal;

/**
 * A record that can never be written as it is: a template that cannot be evaluated for it, a
 * value the target cannot hold. Sinks turn it into a rejection for the {@link ErrorPolicy}.
 */
@Internal
public class PermanentFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermanentFailureException(String message) {
        super(message);
    }

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
