package io.sluice.sinks.common;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.function.LongSupplier;

/**
 * The metrics of one sink writer (one subtask of a Redis, JDBC or Elasticsearch sink), registered
 * on Flink's sink writer group, so their full path is
 * {@code <host>.taskmanager.<tm id>.<job name>.<sink operator name>.<subtask index>.<name>}.
 *
 * <p>Besides its own counters below, a writer that does its own I/O (Redis, JDBC) also feeds
 * Flink's standard {@code numRecordsSend}, {@code numRecordsSendErrors} and {@code currentSendTime};
 * the Elasticsearch connector feeds those itself. Every update happens on the task thread (the
 * Elasticsearch bulk callbacks come back to it through the mailbox), so the counters are plain
 * {@link SimpleCounter}s.
 */
@Internal
public final class SinkMetrics {

    /** Counter: records the target acknowledged (a delete counts as a record too). */
    public static final String RECORDS_WRITTEN = "numRecordsWritten";

    /** Counter: records sent again after a retriable failure (each attempt counts). */
    public static final String RECORDS_RETRIED = "numRecordsRetried";

    /** Counter: records rejected permanently and handed to the error policy. */
    public static final String RECORDS_FAILED = "numRecordsFailed";

    /** Counter: rejected records written to the dead-letter target (a subset of {@link #RECORDS_FAILED}). */
    public static final String RECORDS_DEAD_LETTERED = "numRecordsDeadLettered";

    /** Counter: batches (pipelines, JDBC batches, bulk requests) completed. */
    public static final String BATCHES = "numBatches";

    /** Histogram: milliseconds from sending a batch until the target acknowledged all of it, retries included. */
    public static final String BATCH_LATENCY = "batchLatencyMs";

    /** Gauge: records buffered in the writer and not yet acknowledged. */
    public static final String PENDING_RECORDS = "pendingRecords";

    private static final int LATENCY_WINDOW = 500;

    private final Counter written = new SimpleCounter();
    private final Counter retried = new SimpleCounter();
    private final Counter failed = new SimpleCounter();
    private final Counter deadLettered = new SimpleCounter();
    private final Counter batches = new SimpleCounter();
    private final Histogram latency = new DescriptiveStatisticsHistogram(LATENCY_WINDOW);
    private final Counter standardSend;
    private final Counter standardErrors;
    private long lastLatencyMs;

    private SinkMetrics(MetricGroup group, boolean standardCounters) {
        group.counter(RECORDS_WRITTEN, written);
        group.counter(RECORDS_RETRIED, retried);
        group.counter(RECORDS_FAILED, failed);
        group.counter(RECORDS_DEAD_LETTERED, deadLettered);
        group.counter(BATCHES, batches);
        group.histogram(BATCH_LATENCY, latency);
        if (standardCounters && group instanceof SinkWriterMetricGroup sinkGroup) {
            standardSend = sinkGroup.getNumRecordsSendCounter();
            standardErrors = sinkGroup.getNumRecordsSendErrorsCounter();
            sinkGroup.setCurrentSendTimeGauge(() -> lastLatencyMs);
        } else {
            standardSend = null;
            standardErrors = null;
        }
    }

    /** For writers that do their own I/O: also feeds Flink's standard sink counters. */
    public static SinkMetrics register(SinkWriterMetricGroup group) {
        return new SinkMetrics(group, true);
    }

    /**
     * For writers on a connector that feeds the standard counters itself; {@code group} may be any
     * group the connector hands over (Kafka's record serializer gets the writer's "user" group).
     */
    public static SinkMetrics registerOwnOnly(MetricGroup group) {
        return new SinkMetrics(group, false);
    }

    /** Registers the {@link #PENDING_RECORDS} gauge. */
    public void pendingRecords(SinkWriterMetricGroup group, LongSupplier pending) {
        group.gauge(PENDING_RECORDS, pending::getAsLong);
    }

    public void written(long records) {
        written.inc(records);
        if (standardSend != null) {
            standardSend.inc(records);
        }
    }

    public void retried(long records) {
        retried.inc(records);
    }

    public void failed() {
        failed.inc();
        if (standardErrors != null) {
            standardErrors.inc();
        }
    }

    public void deadLettered() {
        deadLettered.inc();
    }

    /** One batch finished after {@code millis}, retries included. */
    public void batch(long millis) {
        batches.inc();
        lastLatencyMs = millis;
        latency.update(millis);
    }

    @VisibleForTesting
    public long writtenCount() {
        return written.getCount();
    }

    @VisibleForTesting
    public long retriedCount() {
        return retried.getCount();
    }

    @VisibleForTesting
    public long failedCount() {
        return failed.getCount();
    }
}
