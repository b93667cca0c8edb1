package io.sluice.bench.sinks;

import io.sluice.bench.WorkerJvm;
import io.sluice.testkit.MariaDbServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sinks scenario: writes each sink's row changes on a private source MariaDB, starts the
 * targets, then per run and per sink empties the target, runs the sink's job file in a fresh
 * worker JVM ({@link SinkWorker}) and checks the target against the source. Runs alternate the
 * order of the sinks.
 */
final class SinkScenario {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * @param changes row changes per sink
     * @param warmupRuns whole runs made first and left out (printed as runs 0, -1, ...): the targets are
     *     fresh servers, and Elasticsearch's JVM in particular is slow until it has compiled its indexing path
     * @param workerJvmOptions options of every worker JVM (heap, extra ones; Flink's opens are added)
     */
    record Settings(Map<SinkKind, Long> changes, int runs, int warmupRuns, int parallelism, String checkpointInterval,
            String esHeap, int esMaxInFlight, String esIndexSettings, String jdbcUrlOptions, List<String> workerJvmOptions,
            Path logDir) {
        Settings {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            if (warmupRuns < 0) {
                throw new IllegalArgumentException("warm-up runs must not be negative, got " + warmupRuns);
            }
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("no sink to measure");
            }
            changes = Collections.unmodifiableMap(new EnumMap<>(changes));
        }

        List<SinkKind> kinds() {
            return List.copyOf(changes.keySet());
        }
    }

    /** Every measurement, run by run, and the targets the scenario wrote to. */
    record Outcome(String targets, Map<SinkKind, SourceRows.Range> ranges, List<SinkMeasurement> measurements,
            List<KafkaTopics.ProducerLimit> producerLimits) {}

    private SinkScenario() {}

    static Outcome run(Settings settings, PrintStream progress) throws SQLException, IOException {
        try (MariaDbServer source = MariaDbServer.builder().start()) {
            String database = source.createDatabase(SourceRows.DATABASE_PREFIX);
            Map<SinkKind, SourceRows.Range> ranges = new EnumMap<>(SinkKind.class);
            for (SinkKind kind : settings.kinds()) {
                long t0 = System.nanoTime();
                SourceRows.Range range = SourceRows.write(source, database, kind.configName() + "_rows",
                        settings.changes().get(kind));
                progress.printf("source: %,d row changes for %s (%,d rows) in %.1f s%n", range.changes(),
                        kind.label(), range.rows(), (System.nanoTime() - t0) / 1e9);
                ranges.put(kind, range);
            }
            try (Targets targets = new Targets(settings.kinds(), settings.esHeap(), settings.esMaxInFlight(),
                    settings.esIndexSettings(), settings.jdbcUrlOptions())) {
                progress.println("targets: " + targets.describe());
                List<SinkMeasurement> measurements = new ArrayList<>();
                List<KafkaTopics.ProducerLimit> limits = new ArrayList<>();
                for (int run = 1 - settings.warmupRuns(); run <= settings.runs(); run++) {
                    List<SinkKind> order = new ArrayList<>(settings.kinds());
                    if (run % 2 == 0) {
                        Collections.reverse(order);
                    }
                    for (SinkKind kind : order) {
                        SourceRows.Range range = ranges.get(kind);
                        targets.reset(kind);
                        String name = "run" + run + "-" + kind.configName();
                        Path jobFile = settings.logDir().resolve(name + ".yaml");
                        Files.writeString(jobFile, SinkJobFile.yaml(kind, source, range, targets,
                                settings.parallelism(), settings.checkpointInterval()));
                        long targetCpu = targets.cpuNanos(kind);
                        Map<String, String> fields = runWorker(settings, jobFile,
                                settings.logDir().resolve("checkpoints-" + name), settings.logDir().resolve(name + ".log"));
                        long targetCpuAfter = targets.cpuNanos(kind);
                        long targetRows = targets.verify(kind, range);
                        SinkMeasurement m = SinkMeasurement.of(kind, run, range.changes(), fields,
                                targetCpu < 0 || targetCpuAfter < 0 ? -1 : targetCpuAfter - targetCpu, targetRows);
                        progress.printf("run %d%s %-16s %,10d changes in %6.2f s = %,9.0f rows/s (first-to-last %,9.0f);"
                                + " CPU s per 1M changes: worker %.1f, target %.1f; target holds %,d rows, checked%n",
                                run, run < 1 ? " (warm-up, left out)" : "", kind.label(), m.changes(), m.nanos() / 1e9, m.rowsPerSecond(),
                                m.firstToLastRowsPerSecond(), m.workerCpuPerMillion(), m.targetCpuPerMillion(),
                                targetRows);
                        if (run >= 1) {
                            measurements.add(m);
                        }
                    }
                    // the broker's own limit in the same run, with records of the size Sluice's had
                    SinkKind kafka = order.stream().filter(SinkKind::isKafka).findFirst().orElse(null);
                    if (kafka != null) {
                        KafkaTopics.ProducerLimit limit = targets.producerLimit(ranges.get(kafka).changes(),
                                targets.meanRecordSize(kafka), settings.logDir().resolve("run" + run + "-perf-test.log"));
                        progress.printf("run %d%s kafka-producer-perf-test %,d records of %d bytes: %,.0f records/s%n", run,
                                run < 1 ? " (warm-up, left out)" : "", limit.records(), limit.recordSize(),
                                limit.recordsPerSecond());
                        if (run >= 1) {
                            limits.add(limit);
                        }
                    }
                }
                return new Outcome(targets.describe(), ranges, measurements, limits);
            }
        }
    }

    private static Map<String, String> runWorker(Settings settings, Path jobFile, Path checkpoints, Path log) {
        return WorkerJvm.runForResult("the worker of " + jobFile, WorkerJvm.command(settings.workerJvmOptions(),
                System.getProperty("java.class.path"), SinkWorker.class.getName(),
                List.of(jobFile.toString(), checkpoints.toString())), log, TIMEOUT);
    }
}
