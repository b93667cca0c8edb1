package io.sluice.sinks.elasticsearch;

import io.sluice.core.failure.FailureKind;

import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.client.ResponseException;

import java.io.IOException;

/**
 * Classifies Elasticsearch failures, of a whole bulk request or of one of its items, by HTTP
 * status. Retriable: 429 (rejected execution), 408, 409 (a concurrent update), 5xx (503 while a
 * shard recovers, 502/504 from a proxy) and any I/O failure. Permanent: every other 4xx, such as
 * a 400 mapping error or an invalid index name.
 */
final class ElasticsearchFailures {
    private ElasticsearchFailures() {}

    static FailureKind classifyStatus(int status) {
        return status == 429 || status == 408 || status == 409 || status >= 500 && status != 501
                ? FailureKind.RETRIABLE
                : FailureKind.PERMANENT;
    }

    static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchStatusException e) {
                return classifyStatus(e.status().getStatus());
            }
            if (t instanceof ResponseException e) {
                return classifyStatus(e.getResponse().getStatusLine().getStatusCode());
            }
            if (t instanceof IOException) {
                return FailureKind.RETRIABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureKind.PERMANENT;
    }
}
