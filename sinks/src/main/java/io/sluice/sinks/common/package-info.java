/**
 * What the Redis, JDBC and Elasticsearch sinks share: the batching writer skeleton
 * ({@link io.sluice.sinks.common.BatchingWriter}), the {@link io.sluice.core.failure.ErrorPolicy}
 * and its {@link io.sluice.sinks.common.RejectionHandler}, failure classification
 * ({@link io.sluice.core.failure.FailureKind}) and retries with backoff
 * ({@link io.sluice.sinks.common.Retrier}), the writer metrics
 * ({@link io.sluice.sinks.common.SinkMetrics}), key/index/table
 * {@link io.sluice.core.template.Template}s, and keying a stream by row before a sink
 * ({@link io.sluice.core.key.RowKeySelector}).
 */
package io.sluice.sinks.common;
