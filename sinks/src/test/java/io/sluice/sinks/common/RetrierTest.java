package io.sluice.sinks.common;

import io.sluice.core.failure.FailureKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Retries with a fixed delay (equal initial and maximum backoff) and with none. */
class RetrierTest {

    private static Retrier retrier(RetryOptions options) {
        return new Retrier("s", options, t -> t instanceof IOException ? FailureKind.RETRIABLE : FailureKind.PERMANENT,
                SinkMetrics.register(new TestWriterContext().metricGroup()));
    }

    @Test
    void equalBackoffsRetryWithAFixedDelay() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String result = retrier(new RetryOptions(2, Duration.ofMillis(5), Duration.ofMillis(5))).call(1, null, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void noRetriesFailsAtTheFirstRetriableFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier(RetryOptions.NONE).call(1, null, () -> {
            calls.incrementAndGet();
            throw new IOException("connection refused");
        })).isInstanceOf(IOException.class)
                .hasMessage("s: the target still fails after 0 retries; failing the job so it restarts from the last "
                        + "checkpoint. Last failure: java.io.IOException: connection refused");
        assertThat(calls).hasValue(1);
    }
}
