package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.Values;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.metrics.SnapshotMetrics;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Startup mode {@code snapshot}: reads every captured table (integer, composite and configured
 * keys, NULLs in a configured key, an empty table) on all readers and stops; reports its progress
 * per table; and the clear errors of a table without key and of too few server ids.
 */
class SnapshotModesITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    private String tables() {
        String db = server.createDatabase("snapmode");
        server.execute(db,
                "CREATE TABLE ints (id BIGINT PRIMARY KEY, v VARCHAR(10))",
                "CREATE TABLE pairs (a INT, b DATE, v INT, PRIMARY KEY (a, b))",
                "CREATE TABLE keyless (code VARCHAR(10) NULL, n INT)",
                "CREATE TABLE empty (id INT PRIMARY KEY)",
                "INSERT INTO ints SELECT seq * 3, CONCAT('v', seq) FROM seq_1_to_2500",
                "INSERT INTO pairs SELECT seq DIV 7, '2020-01-01' + INTERVAL (seq % 7) DAY, seq FROM seq_1_to_700",
                "INSERT INTO keyless SELECT CONCAT('c', seq), seq FROM seq_1_to_300",
                "INSERT INTO keyless VALUES (NULL, -1)");
        return db;
    }

    private BinlogSourceConfig.Builder snapshotConfig(String db, StartupOptions startup) {
        long first = SourceTestSupport.nextServerId();
        SourceTestSupport.nextServerId();
        return config(server, db)
                .serverIdRange(first, first + 1)
                .startup(startup)
                .chunkSize(64)
                .key(db + "\\.keyless", List.of("code"));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void snapshotModeReadsEveryTableOnEveryReaderAndStops() throws Exception {
        String db = tables();
        List<RowChange> rows = SourceTestSupport.rows(readAll(snapshotConfig(db, StartupOptions.snapshot()).build(), 2));

        assertThat(rows).allMatch(r -> r.op() == Op.READ && r.source().snapshot());
        assertThat(rows).hasSize(2500 + 700 + 301);
        assertThat(rows.stream().filter(r -> r.table().table().equals("ints")).map(r -> r.get("id")).distinct().count())
                .isEqualTo(2500);
        assertThat(rows.stream().filter(r -> r.table().table().equals("pairs"))
                .map(r -> Values.toString(RowChange.keyOf(r.schema(), r.after()))).distinct().count()).isEqualTo(700);
        assertThat(rows.stream().filter(r -> r.table().table().equals("keyless")).map(r -> r.get("n")))
                .hasSize(301).contains(-1L);
        RowChange keyless = rows.stream().filter(r -> r.table().table().equals("keyless")).findFirst().orElseThrow();
        assertThat(keyless.schema().keyColumns()).containsExactly("code");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void reportsChunksAndRowsPerTable() throws Exception {
        String db = tables();
        BinlogSourceConfig config = snapshotConfig(db, StartupOptions.initial()).build();
        InMemoryReporter reporter = InMemoryReporter.create();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                reporter.addToConfiguration(new Configuration()));
        env.setParallelism(2);
        env.enableCheckpointing(200);
        CloseableIterator<Event> it = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "initial")
                .collectAsync();
        org.apache.flink.core.execution.JobClient job = env.executeAsync("snapshot metrics");
        try (it) {
            for (int i = 0; i < 2500 + 700 + 301; i++) {
                it.next();
            }
            String prefix = ".db." + db + ".table.";
            long deadline = System.currentTimeMillis() + 30_000;
            List<Map.Entry<String, Metric>> metrics = all(reporter);
            while (System.currentTimeMillis() < deadline
                    && !(metrics.stream().anyMatch(e -> e.getKey().endsWith(prefix + "ints." + SnapshotMetrics.CHUNKS_FINISHED))
                            && gauge(metrics, prefix + "ints." + SnapshotMetrics.CHUNKS_FINISHED)
                                    .equals(gauge(metrics, prefix + "ints." + SnapshotMetrics.CHUNKS_TOTAL)))) {
                Thread.sleep(100);
                metrics = all(reporter);
            }

            assertThat((Long) gauge(metrics, prefix + "ints." + SnapshotMetrics.CHUNKS_TOTAL)).isBetween(30L, 50L);
            assertThat(gauge(metrics, prefix + "ints." + SnapshotMetrics.CHUNKS_FINISHED))
                    .isEqualTo(gauge(metrics, prefix + "ints." + SnapshotMetrics.CHUNKS_TOTAL));
            assertThat((Long) gauge(metrics, prefix + "empty." + SnapshotMetrics.CHUNKS_TOTAL)).isEqualTo(1L);
            assertThat((Long) gauge(metrics, prefix + "empty." + SnapshotMetrics.CHUNKS_FINISHED)).isEqualTo(1L);
            assertThat(sum(metrics, prefix + "ints." + SnapshotMetrics.ROWS_READ)).isEqualTo(2500);
            assertThat(sum(metrics, prefix + "keyless." + SnapshotMetrics.ROWS_READ)).isEqualTo(301);
            assertThat(sum(metrics, prefix + "pairs." + SnapshotMetrics.CHUNKS_READ)).isGreaterThan(10);
        } finally {
            job.cancel();
            reporter.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aTableWithoutKeyNamesSourceKeys() {
        String db = server.createDatabase("nokey");
        server.execute(db, "CREATE TABLE logs (line VARCHAR(100))", "INSERT INTO logs VALUES ('a')");
        BinlogSourceConfig config = config(server, db).startup(StartupOptions.snapshot()).build();

        assertThatThrownBy(() -> readAll(config, 1))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e)).contains(
                        "table " + db + ".logs has no primary key", "configure a key for it under source.keys"));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void tooFewServerIdsForTheReadersIsAClearError() {
        String db = server.createDatabase("fewids");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        BinlogSourceConfig config = config(server, db).startup(StartupOptions.initial()).build();

        assertThatThrownBy(() -> readAll(config, 3))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e)).contains(
                        "the snapshot reads with 3 readers", "set it to a range of at least 3 ids"));
    }

    private static List<Event> readAll(BinlogSourceConfig config, int parallelism) throws Exception {
        StreamExecutionEnvironment env = SourceTestSupport.env();
        env.setParallelism(parallelism);
        List<Event> out = new ArrayList<>();
        try (CloseableIterator<Event> it = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "snapshot")
                .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<Map.Entry<String, Metric>> all(InMemoryReporter reporter) {
        List<Map.Entry<String, Metric>> all = new ArrayList<>();
        reporter.getMetricsByGroup().forEach((group, metrics) -> metrics.forEach((name, metric) ->
                all.add(Map.entry(group.getMetricIdentifier(name), metric))));
        return all;
    }

    private static Object gauge(List<Map.Entry<String, Metric>> metrics, String suffix) {
        List<Metric> found = metrics.stream().filter(e -> e.getKey().endsWith(suffix))
                .map(Map.Entry::getValue).toList();
        assertThat(found).as("gauge *%s among %s", suffix, metrics.stream().map(Map.Entry::getKey).toList()).hasSize(1);
        return ((Gauge<?>) found.get(0)).getValue();
    }

    private static long sum(List<Map.Entry<String, Metric>> metrics, String suffix) {
        List<Metric> found = metrics.stream().filter(e -> e.getKey().endsWith(suffix))
                .map(Map.Entry::getValue).toList();
        assertThat(found).as("counters *%s among %s", suffix, metrics.stream().map(Map.Entry::getKey).toList()).isNotEmpty();
        return found.stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
