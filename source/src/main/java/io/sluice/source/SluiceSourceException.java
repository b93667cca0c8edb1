package io.sluice.source;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A problem with the source server or its binlog that retrying will not fix; the message says
 * what is wrong and what to change.
 */
@PublicEvolving
public class SluiceSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SluiceSourceException(String message) {
        super(message);
    }

    public SluiceSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
