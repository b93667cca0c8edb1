package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The metrics the Flink UI shows for the binlog source, read through a metric reporter. */
class SourceMetricsITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void reportsLagPositionReconnectsAndRecordsPerTable() throws Exception {
        String db = server.createDatabase("metrics");
        server.execute(db, "CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)");
        BinlogSourceConfig config = config(server, db).startup(now(server)).build();
        InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                reporter.addToConfiguration(new Configuration()));
        env.setParallelism(1);
        CloseableIterator<Event> events = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                .collectAsync();
        JobClient job = env.executeAsync("metrics");
        try (events) {
            server.execute(db, "INSERT INTO a VALUES (1), (2), (3)", "INSERT INTO b VALUES (1)");
            for (int i = 0; i < 4; i++) {
                events.next();
            }
            JobID id = job.getJobID();
            assertThat(counter(reporter, id, ".db." + db + ".table.a." + SourceMetrics.RECORDS_IN)).isEqualTo(3);
            assertThat(counter(reporter, id, ".db." + db + ".table.b." + SourceMetrics.RECORDS_IN)).isEqualTo(1);
            assertThat((String) gauge(reporter, id, SourceMetrics.BINLOG_FILE)).startsWith("binlog.");
            assertThat((Long) gauge(reporter, id, SourceMetrics.BINLOG_POSITION)).isGreaterThan(4L);
            assertThat((Long) gauge(reporter, id, SourceMetrics.RECONNECTS)).isZero();
            // the binlog's time has second resolution: a change is at most a few seconds old here
            assertThat((Long) gauge(reporter, id, SourceMetrics.FETCH_LAG)).isBetween(0L, 10_000L);
            assertThat((Long) gauge(reporter, id, "currentEmitEventTimeLag")).isBetween(0L, 10_000L);
        }
        reporter.close();
    }

    private static long counter(InMemoryReporter reporter, JobID job, String suffix) {
        return ((Counter) metric(reporter, job, suffix)).getCount();
    }

    private static Object gauge(InMemoryReporter reporter, JobID job, String suffix) {
        return ((Gauge<?>) metric(reporter, job, suffix)).getValue();
    }

    private static Metric metric(InMemoryReporter reporter, JobID job, String suffix) {
        Map<String, Metric> all = reporter.getMetricsByIdentifiers(job);
        Optional<Metric> found = all.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix.startsWith(".") ? suffix : "." + suffix))
                .map(Map.Entry::getValue)
                .findFirst();
        assertThat(found).as("metric *%s among %s", suffix, all.keySet()).isPresent();
        return found.get();
    }
}
