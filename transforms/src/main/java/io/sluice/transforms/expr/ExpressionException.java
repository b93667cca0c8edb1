package io.sluice.transforms.expr;

import org.apache.flink.annotation.PublicEvolving;

/** An expression that does not compile, or that failed on a row; the message says which and why. */
@PublicEvolving
public class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
