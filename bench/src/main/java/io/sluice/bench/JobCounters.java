package io.sluice.bench;

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
 * Keeps the record counters of the Flink jobs running in this JVM, so a worker can tell how far a
 * job got without adding an operator to it: the source's records out, every operator's records in
 * (to see when the job has gone quiet) and the sinks' records in (Sink V2 writers, named
 * {@code <name>: Writer}).
 */
public final class JobCounters implements MetricReporter {
    private static final List<Counter> SOURCE_OUT = new CopyOnWriteArrayList<>();
    private static final List<Counter> ALL_IN = new CopyOnWriteArrayList<>();
    private static final List<Counter> SINKS_IN = new CopyOnWriteArrayList<>();

    /** Forgets the counters of an earlier job, before the next one is submitted. */
    public static void reset() {
        SOURCE_OUT.clear();
        ALL_IN.clear();
        SINKS_IN.clear();
    }

    /** Records the source emitted. */
    public static long sourceOut() {
        return sum(SOURCE_OUT);
    }

    /** Records every operator received, added up: it stops moving when the job is quiet. */
    public static long allIn() {
        return sum(ALL_IN);
    }

    /** Records the sinks received. */
    public static long sinksIn() {
        return sum(SINKS_IN);
    }

    private static long sum(List<Counter> counters) {
        long total = 0;
        for (Counter c : counters) {
            total += c.getCount();
        }
        return total;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        if (operator == null || !(metric instanceof Counter counter)) {
            return;
        }
        if ("numRecordsOut".equals(name) && operator.startsWith("Source: ")) {
            SOURCE_OUT.add(counter);
        } else if ("numRecordsIn".equals(name)) {
            ALL_IN.add(counter);
            if (operator.endsWith(": Writer")) {
                SINKS_IN.add(counter);
            }
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // keep the counters: their final values are read after the job ends
    }

    /** Lets Flink create the reporter (found through {@code META-INF/services}). */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobCounters();
        }
    }
}
