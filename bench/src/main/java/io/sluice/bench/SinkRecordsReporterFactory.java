package io.sluice.bench;

import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.Properties;

/** Lets Flink create the {@link SinkRecordsReporter} (found through {@code META-INF/services}). */
public final class SinkRecordsReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new SinkRecordsReporter();
    }
}
