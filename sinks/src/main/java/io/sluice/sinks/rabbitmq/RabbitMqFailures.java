package io.sluice.sinks.rabbitmq;

import io.sluice.core.failure.FailureKind;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies RabbitMQ failures: refused credentials are permanent; a lost connection, a closed
 * channel, a negative confirm or a confirm that does not come in time are retriable (the batch is
 * published again on a new channel).
 */
final class RabbitMqFailures {
    private RabbitMqFailures() {}

    static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailureException || t instanceof PossibleAuthenticationFailureException) {
                return FailureKind.PERMANENT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof ShutdownSignalException
                    || t instanceof AlreadyClosedException) {
                return FailureKind.RETRIABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureKind.PERMANENT;
    }
}
