package io.sluice.bench;

import io.sluice.bench.job.JoinScenario;
import io.sluice.bench.job.LatencyScenario;
import io.sluice.bench.sinks.SinksSummary;
import io.sluice.bench.snapshot.SnapshotBench;

import org.apache.flink.annotation.VisibleForTesting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bench all}: every scenario of issue 7 in one command, each preparing its own data on
 * private servers, and one table of the results (BENCHMARKS.md has the latest). Every figure is
 * the median of {@code --runs} runs with the spread; ratios are paired within a run.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Runs the chosen scenarios (default: all) and prints one table: scenario, system, rows/s,"
                + " latency percentiles, peak heap, heap after GC and state size.")
public final class AllCommand implements Callable<Integer> {

    /** The scenarios, in the order they run. */
    enum Scenario {
        BINLOG, SNAPSHOT, LATENCY, JOIN, SINKS;

        static Scenario of(String name) {
            for (Scenario s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + name + "'; expected one of "
                    + java.util.Arrays.stream(values()).map(v -> v.name().toLowerCase()).toList()
                    + " (join includes the memory scenario)");
        }
    }

    @Option(names = "--scenarios", split = ",", defaultValue = "binlog,snapshot,latency,join,sinks",
            converter = ScenarioOption.class,
            description = "scenarios to run: binlog, snapshot, latency, join (join+aggregate and memory), sinks"
                    + " (default ${DEFAULT-VALUE})")
    List<Scenario> scenarios;

    @Option(names = "--runs", defaultValue = "3", description = "runs of every scenario (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--binlog-rows", defaultValue = "1000000", description = "scenario 1's row changes (default ${DEFAULT-VALUE})")
    long binlogRows;

    @Option(names = "--snapshot-rows", defaultValue = "1000000", description = "scenario 2's table rows (default ${DEFAULT-VALUE})")
    long snapshotRows;

    @Option(names = "--snapshot-parallelism", split = ",", defaultValue = "1,2",
            description = "scenario 2's parallelisms (default ${DEFAULT-VALUE})")
    List<Integer> snapshotParallelism;

    @Option(names = "--latency-rate", defaultValue = "5000", description = "scenario 3's rows/s (default ${DEFAULT-VALUE})")
    int latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "30",
            description = "scenario 3's seconds of writing per run, the first 5 left out, after one untimed run"
                    + " (default ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--latency-checkpoint", defaultValue = "10",
            description = "scenario 3's checkpoint interval in seconds (default ${DEFAULT-VALUE})")
    int latencyCheckpointSeconds;

    @Option(names = "--join-changes", defaultValue = "1000000",
            description = "scenarios 4 and 5's shop row changes (default ${DEFAULT-VALUE})")
    long joinChanges;

    @Option(names = "--sink-rows", defaultValue = "1000000",
            description = "the sinks scenario's row changes for Redis and for JDBC (default ${DEFAULT-VALUE})")
    long sinkRows;

    @Option(names = "--sink-es-rows", defaultValue = "300000",
            description = "the sinks scenario's row changes for Elasticsearch (default ${DEFAULT-VALUE})")
    long sinkEsRows;

    @Option(names = "--job-file", defaultValue = "jobs/examples/shop.yaml",
            description = "the shop job of scenarios 4 and 5 (default ${DEFAULT-VALUE})")
    Path jobFile;

    @Option(names = "--join-heap", defaultValue = "4g",
            description = "-Xmx of the shop job's JVM: its join state lives on the heap, about 2 KiB a change"
                    + " (default ${DEFAULT-VALUE})")
    String joinHeap;

    @Option(names = "--cdc-home", description = "the Flink CDC workers' build (default bench/flink-cdc)")
    Path cdcHome = FlinkCdcBuild.DEFAULT_HOME;

    @Option(names = "--heap", defaultValue = "1g",
            description = "-Xmx of every worker JVM but the shop job's (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--log-dir", description = "where worker logs and outputs go (default: a new temporary directory)")
    Path logDir;

    /** The rows of the last call, for the smoke test. */
    @VisibleForTesting
    List<SummaryRow> rows;

    @Override
    public Integer call() throws Exception {
        Path logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("sluice-bench-all-");
        Set<Scenario> chosen = EnumSet.copyOf(scenarios);
        String loadBefore = LoadAverage.now();
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        rows = new ArrayList<>();
        boolean complete = true;
        if (chosen.contains(Scenario.BINLOG)) {
            List<BenchSystem> systems = List.of(BenchSystem.BARE, BenchSystem.SLUICE, BenchSystem.FLINK_CDC);
            WorkerLauncher launcher = new WorkerLauncher(heap, 0, List.of(), Files.createDirectories(logs.resolve("binlog")),
                    cdcHome);
            BinlogScenario.Outcome outcome = BinlogScenario.run(
                    new BinlogScenario.Settings(binlogRows, runs, systems, launcher), System.err);
            ResultTable table = new ResultTable(BinlogCommand.SCENARIO, outcome, systems);
            rows.addAll(table.summaryRows());
            complete &= table.countsMatch();
        }
        if (chosen.contains(Scenario.SNAPSHOT)) {
            SnapshotBench.Outcome outcome = SnapshotBench.run(snapshotRows, runs,
                    SnapshotBench.cases(List.of("sluice", "cdc", "cdc-tuned"), snapshotParallelism), 8192, heap, cdcHome,
                    Files.createDirectories(logs.resolve("snapshot")));
            rows.addAll(outcome.rows());
            complete &= outcome.complete();
        }
        if (chosen.contains(Scenario.LATENCY)) {
            LatencyScenario.Outcome outcome = LatencyScenario.run(new LatencyScenario.Settings(latencyRate,
                    latencySeconds, Math.min(5, latencySeconds - 1), runs, 1, Duration.ofSeconds(latencyCheckpointSeconds),
                    heap, logs.resolve("latency")), System.err);
            rows.addAll(outcome.rows());
            complete &= outcome.complete();
        }
        if (chosen.contains(Scenario.JOIN)) {
            JoinScenario.Outcome outcome = JoinScenario.run(new JoinScenario.Settings(joinChanges, runs, jobFile, 0,
                    joinHeap, logs.resolve("join")), System.err);
            rows.addAll(outcome.rows());
            complete &= outcome.complete();
        }
        if (chosen.contains(Scenario.SINKS)) {
            SinksSummary.Result result = SinksSummary.run(sinkRows, sinkEsRows, runs, heap,
                    Files.createDirectories(logs.resolve("sinks")), System.err);
            rows.addAll(result.rows());
            complete &= result.complete();
        }
        String loadAfter = LoadAverage.now();

        System.out.println();
        System.out.printf("started %s; %d cores; Java %s; worker JVMs -Xmx%s (the shop job's -Xmx%s); %d run(s) of every"
                        + " scenario; logs in %s%n", started, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), heap, joinHeap, runs, logs);
        System.out.printf("load average (1, 5, 15 min) before: %s, after: %s%n%n", loadBefore, loadAfter);
        System.out.print(SummaryRow.render(rows));
        if (!complete) {
            System.out.println("ERROR: a scenario lost or changed rows (see the lines above and " + logs + ")");
            return 1;
        }
        return 0;
    }

    /** Reads a {@link Scenario} from its name. */
    static final class ScenarioOption implements picocli.CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            return Scenario.of(value);
        }
    }
}
