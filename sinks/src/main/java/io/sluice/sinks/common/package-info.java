/**
 * What the Redis, JDBC and Elasticsearch sinks share: the {@link io.sluice.sinks.common.ErrorPolicy}
 * and its {@link io.sluice.sinks.common.RejectionHandler}, failure classification
 * ({@link io.sluice.sinks.common.FailureKind}) and retries with backoff
 * ({@link io.sluice.sinks.common.Retrier}), the writer metrics
 * ({@link io.sluice.sinks.common.SinkMetrics}), key/index/table
 * {@link io.sluice.sinks.common.Template}s, and keying a stream by row before a sink
 * ({@link io.sluice.sinks.common.RowKeys}).
 */
package io.sluice.sinks.common;
