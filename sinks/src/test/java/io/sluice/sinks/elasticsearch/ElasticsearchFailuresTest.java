package io.sluice.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.failure.FailureKind;

import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.rest.RestStatus;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

class ElasticsearchFailuresTest {

    @Test
    void statuses() {
        assertThat(ElasticsearchFailures.classifyStatus(429)).isEqualTo(FailureKind.RETRIABLE);
        assertThat(ElasticsearchFailures.classifyStatus(503)).isEqualTo(FailureKind.RETRIABLE);
        assertThat(ElasticsearchFailures.classifyStatus(502)).isEqualTo(FailureKind.RETRIABLE);
        assertThat(ElasticsearchFailures.classifyStatus(409)).isEqualTo(FailureKind.RETRIABLE);
        assertThat(ElasticsearchFailures.classifyStatus(400)).isEqualTo(FailureKind.PERMANENT);
        assertThat(ElasticsearchFailures.classifyStatus(404)).isEqualTo(FailureKind.PERMANENT);
        assertThat(ElasticsearchFailures.classifyStatus(501)).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void exceptions() {
        assertThat(ElasticsearchFailures.classify(new ConnectException("refused"))).isEqualTo(FailureKind.RETRIABLE);
        assertThat(ElasticsearchFailures.classify(new ElasticsearchStatusException("busy", RestStatus.TOO_MANY_REQUESTS)))
                .isEqualTo(FailureKind.RETRIABLE);
        assertThat(ElasticsearchFailures.classify(new ElasticsearchStatusException("bad", RestStatus.BAD_REQUEST)))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(ElasticsearchFailures.classify(new IllegalStateException("bug"))).isEqualTo(FailureKind.PERMANENT);
    }
}
