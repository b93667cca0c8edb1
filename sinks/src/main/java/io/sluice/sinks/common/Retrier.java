package io.sluice.sinks.common;

import io.sluice.core.failure.FailureKind;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.function.CheckedSupplier;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * Runs a batch, retrying it with exponential backoff while it fails retriably; permanent failures
 * and exhausted retries are thrown at once. Every retry is logged and counted.
 */
@Internal
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final String sinkName;
    private final RetryOptions options;
    private final Function<Throwable, FailureKind> classifier;
    private final SinkMetrics metrics;

    public Retrier(String sinkName, RetryOptions options, Function<Throwable, FailureKind> classifier,
            SinkMetrics metrics) {
        this.sinkName = sinkName;
        this.options = options;
        this.classifier = classifier;
        this.metrics = metrics;
    }

    /** Whether a failure is worth another attempt. */
    public boolean isRetriable(Throwable failure) {
        return classifier.apply(failure) == FailureKind.RETRIABLE;
    }

    /**
     * Calls {@code action} until it succeeds, fails permanently, or the retries are used up.
     *
     * @param records how many records the batch holds, for the retry counter
     * @param beforeRetry runs before each new attempt (e.g. drops a broken connection); may be null
     * @throws IOException when the retries are used up, with the last failure as cause
     */
    public <T> T call(int records, Runnable beforeRetry, CheckedSupplier<T> action) throws IOException {
        return call(() -> records, beforeRetry, action);
    }

    /** As {@link #call(int, Runnable, CheckedSupplier)}, for batches that shrink between attempts. */
    public <T> T call(IntSupplier records, Runnable beforeRetry, CheckedSupplier<T> action) throws IOException {
        return call(records, metrics::retried, beforeRetry, action);
    }

    /**
     * As {@link #call(IntSupplier, Runnable, CheckedSupplier)}, counting the retried records into
     * {@code retried} instead of the metrics: for batches sent off the task thread, whose counts
     * reach the metrics once the batch is back on it.
     */
    public <T> T call(IntSupplier records, LongConsumer retried, Runnable beforeRetry, CheckedSupplier<T> action)
            throws IOException {
        RetryPolicyBuilder<T> builder = RetryPolicy.<T>builder().handleIf(this::isRetriable);
        // Failsafe's backoff needs a maximum above the initial delay; equal ones mean a fixed delay.
        if (options.maxBackoff().compareTo(options.initialBackoff()) > 0) {
            builder.withBackoff(options.initialBackoff(), options.maxBackoff(), 2.0);
        } else {
            builder.withDelay(options.initialBackoff());
        }
        RetryPolicy<T> policy = builder
                .withMaxRetries(options.maxRetries())
                .onRetry(event -> {
                    int n = records.getAsInt();
                    retried.accept(n);
                    LOG.warn("{}: retrying a batch of {} records (attempt {} of {}) after: {}", sinkName, n,
                            event.getAttemptCount() + 1, options.maxRetries() + 1,
                            String.valueOf(event.getLastException()));
                    if (beforeRetry != null) {
                        beforeRetry.run();
                    }
                })
                .build();
        try {
            return Failsafe.with(policy).get(action);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw giveUp(cause);
        } catch (RuntimeException e) {
            if (isRetriable(e)) {
                throw giveUp(e);
            }
            throw e;
        }
    }

    private IOException giveUp(Throwable cause) {
        if (!isRetriable(cause)) {
            return cause instanceof IOException io ? io : new IOException(sinkName + ": " + cause, cause);
        }
        return new IOException(sinkName + ": the target still fails after " + options.maxRetries()
                + " retries; failing the job so it restarts from the last checkpoint. Last failure: " + cause, cause);
    }
}
