package io.sluice.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.source.SluiceSourceException;

import org.apache.flink.runtime.JobException;
import org.apache.flink.util.SerializedThrowable;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;

class FailuresTest {

    @Test
    void namesSluicesOwnExceptionAndTheRootCause() {
        Throwable failure = new JobException("Recovery is suppressed by NoRestartBackoffTimeStrategy",
                new RuntimeException("One or more fetchers have encountered exception",
                        new SluiceSourceException("source server db:3306 failed: connection refused",
                                new ConnectException("Connection refused"))));
        assertThat(Failures.rootCause(failure)).isEqualTo("io.sluice.source.SluiceSourceException: source server "
                + "db:3306 failed: connection refused\n  caused by java.net.ConnectException: Connection refused");
    }

    @Test
    void withoutOneItIsTheDeepestCause() {
        Throwable failure = new JobException("wrapper", new IllegalStateException("the real reason"));
        assertThat(Failures.rootCause(failure)).isEqualTo("java.lang.IllegalStateException: the real reason");
        assertThat(Failures.rootCause(new SerializedThrowable(new IllegalStateException("x"))))
                .isEqualTo("java.lang.IllegalStateException: x");
    }
}
