package io.sluice.bench.sinks;

import io.sluice.bench.LoadAverage;

import org.apache.flink.annotation.VisibleForTesting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench sinks}: each sink's sustained rows per second from the binlog source, end to end. */
@Command(name = "sinks", mixinStandardHelpOptions = true,
        description = "Writes row changes on a private MariaDB (half inserts, half updates of those rows), then runs"
                + " one job file per sink (bounded binlog source -> key by table+pk -> the sink) against real"
                + " Redis, MariaDB and Elasticsearch servers, once per run, each in a fresh JVM, and checks every"
                + " target against the source after each run.")
public final class SinksCommand implements Callable<Integer> {

    @Option(names = "--sinks", split = ",", defaultValue = "redis,jdbc,elasticsearch",
            description = "sinks to measure: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    List<SinkKind> sinks;

    @Option(names = "--redis-rows", defaultValue = "1000000", description = "row changes for Redis (default ${DEFAULT-VALUE})")
    long redisRows;

    @Option(names = "--jdbc-rows", defaultValue = "1000000", description = "row changes for JDBC (default ${DEFAULT-VALUE})")
    long jdbcRows;

    @Option(names = "--es-rows", defaultValue = "300000",
            description = "row changes for Elasticsearch (default ${DEFAULT-VALUE})")
    long esRows;

    @Option(names = "--kafka-rows", defaultValue = "1000000",
            description = "row changes for each Kafka sink (default ${DEFAULT-VALUE})")
    long kafkaRows;

    @Option(names = "--runs", defaultValue = "3", description = "runs; each sink runs once per run (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "1",
            description = "untimed runs first, left out of the figures: they warm the freshly started target servers"
                    + " (default ${DEFAULT-VALUE})")
    int warmupRuns;

    @Option(names = "--parallelism", defaultValue = "1",
            description = "the jobs' parallelism, i.e. sink writers (the binlog reader is one) (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10s",
            description = "the jobs' checkpoint interval (default ${DEFAULT-VALUE}, the job file's default)")
    String checkpointInterval;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of every worker JVM (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--es-heap", defaultValue = "1g", description = "heap of the Elasticsearch node (default ${DEFAULT-VALUE})")
    String esHeap;

    @Option(names = "--es-max-in-flight", defaultValue = "0",
            description = "the Elasticsearch sink's bulk.max-in-flight; 0 leaves the sink's default (default ${DEFAULT-VALUE})")
    int esMaxInFlight;

    @Option(names = "--es-index-settings", defaultValue = "",
            description = "more settings of the benchmark index, as JSON members, e.g."
                    + " '\"index.translog.durability\":\"async\"' (default: none, Elasticsearch's defaults)")
    String esIndexSettings;

    @Option(names = "--jdbc-url-options", defaultValue = "",
            description = "more properties for the JDBC sink's URL, e.g. useServerPrepStmts=true (default: none; the"
                    + " URL has useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true)")
    String jdbcUrlOptions;

    @Option(names = "--jvm-option", description = "one more option for every worker JVM, e.g. for a profiler; repeatable")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--log-dir", description = "where job files and worker logs go (default: a new temporary directory)")
    Path logDir;

    /** What the last call measured, for the smoke test. */
    @VisibleForTesting
    SinkScenario.Outcome outcome;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("sluice-sinkbench-");
        Map<SinkKind, Long> changes = new EnumMap<>(SinkKind.class);
        for (SinkKind kind : sinks) {
            changes.put(kind, switch (kind) {
                case REDIS -> redisRows;
                case JDBC -> jdbcRows;
                case ELASTICSEARCH -> esRows;
                case KAFKA, KAFKA_EXACTLY_ONCE -> kafkaRows;
            });
        }
        List<String> workerOptions = new ArrayList<>();
        workerOptions.add("-Xmx" + heap);
        workerOptions.addAll(jvmOptions);
        SinkScenario.Settings settings = new SinkScenario.Settings(changes, runs, warmupRuns, parallelism, checkpointInterval,
                esHeap, esMaxInFlight, esIndexSettings, jdbcUrlOptions, workerOptions, logs);

        String loadBefore = LoadAverage.now();
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        outcome = SinkScenario.run(settings, System.err);
        String loadAfter = LoadAverage.now();

        out.println();
        out.printf("started %s; %d cores; Java %s (%s)%n", started, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        out.printf("targets: %s%n", outcome.targets());
        out.printf("jobs: parallelism %d, checkpoint every %s%s; worker JVM options: %s (and Flink's opens);"
                + " job files and logs in %s%n", parallelism, checkpointInterval,
                esMaxInFlight > 0 ? ", elasticsearch bulk.max-in-flight " + esMaxInFlight : "",
                String.join(" ", workerOptions), logs);
        out.printf("load average (1, 5, 15 min) before: %s, after: %s%n%n", loadBefore, loadAfter);
        out.print(SinkTable.render(outcome));
        out.println();
        out.print(SinkTable.renderRuns(outcome));
        if (!outcome.producerLimits().isEmpty()) {
            out.println();
            out.print(SinkTable.renderKafka(outcome));
        }
        boolean complete = outcome.measurements().stream().allMatch(m -> m.sinkRows() == m.changes());
        if (!complete) {
            out.println("ERROR: a sink did not receive exactly its range's row changes");
            return 1;
        }
        return 0;
    }
}
