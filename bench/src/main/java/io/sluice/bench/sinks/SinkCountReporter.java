package io.sluice.bench.sinks;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the {@code numRecordsIn} counters of the sink writers (operators named {@code sink: ...}),
 * so the worker sees when the first row reaches a sink and how many arrived, without adding an
 * operator to the measured job. Registered in {@code META-INF/services}.
 */
public final class SinkCountReporter implements MetricReporter {
    static final String CONFIG_KEY = "metrics.reporter.sinkbench.factory.class";
    private static final List<Counter> COUNTERS = new CopyOnWriteArrayList<>();

    /** Lets Flink create the reporter. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SinkCountReporter();
        }
    }

    /** Rows that reached the sink writers so far, over all subtasks. */
    static long count() {
        long sum = 0;
        for (Counter c : COUNTERS) {
            sum += c.getCount();
        }
        return sum;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        if ("numRecordsIn".equals(name) && operator != null && operator.startsWith("sink: ")
                && metric instanceof Counter counter) {
            COUNTERS.add(counter);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // keep the counters: their final values are read after the job ends
    }
}
