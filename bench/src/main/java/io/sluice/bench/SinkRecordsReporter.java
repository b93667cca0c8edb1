package io.sluice.bench;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * Keeps the {@code numRecordsIn} counter of the benchmark's sink, so the worker can tell how many
 * records reached the DiscardingSink without adding an operator to the measured pipeline.
 */
public final class SinkRecordsReporter implements MetricReporter {
    /** The sink's operator name; Flink appends ": Writer" to it for Sink V2 writers. */
    static final String SINK_NAME = "discard";

    private static volatile Counter sinkRecordsIn;

    /** The sink's counter once its task has started, else null. */
    static Counter sinkRecordsIn() {
        return sinkRecordsIn;
    }

    /** Forgets the counter of an earlier job, before the next one is submitted. */
    static void reset() {
        sinkRecordsIn = null;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        if ("numRecordsIn".equals(name) && operator != null && operator.startsWith(SINK_NAME)
                && metric instanceof Counter counter) {
            sinkRecordsIn = counter;
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // keep the counter: its final value is read after the job ends
    }
}
