package io.sluice.bench;

import org.apache.flink.annotation.VisibleForTesting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench binlog}: scenario 1, binlog throughput of each system on the same row changes. */
@Command(name = "binlog", mixinStandardHelpOptions = true,
        description = "Writes row changes (half inserts in 1000-row transactions, half one big UPDATE) on a private"
                + " MariaDB, then reads them with each system, once per run, each in a fresh JVM.")
final class BinlogCommand implements Callable<Integer> {
    static final String SCENARIO = "binlog";

    @Option(names = "--rows", defaultValue = "1000000", description = "row changes to write (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--runs", defaultValue = "3", description = "runs; each system reads once per run (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--systems", split = ",", defaultValue = "bare,sluice,flink-cdc", converter = SystemOption.class,
            description = "systems to compare, the first being the ratios' reference: bare, sluice, flink-cdc"
                    + " (default ${DEFAULT-VALUE})")
    List<BenchSystem> systems;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of every worker JVM (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--warmup", defaultValue = "0",
            description = "untimed reads of the whole range in each worker JVM before the timed one"
                    + " (default ${DEFAULT-VALUE}: the timed read runs in a cold JVM)")
    int warmup;

    @Option(names = "--jvm-option", description = "one more option for every worker JVM, e.g. for a profiler; repeatable")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--log-dir", description = "where worker logs go (default: a new temporary directory)")
    Path logDir;

    @Option(names = "--cdc-home", description = "the Flink CDC workers' build (default bench/flink-cdc)")
    Path cdcHome = FlinkCdcBuild.DEFAULT_HOME;

    @Option(names = "--target", defaultValue = "0.6",
            description = "the least rate ratio of the second system to the first (default ${DEFAULT-VALUE})")
    double target;

    /** What the last call measured, for the smoke test. */
    @VisibleForTesting
    BinlogScenario.Outcome outcome;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("sluice-bench-");
        WorkerLauncher launcher = new WorkerLauncher(heap, warmup, jvmOptions, logs, cdcHome);
        String loadBefore = LoadAverage.now();
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        outcome = BinlogScenario.run(new BinlogScenario.Settings(rows, runs, systems, launcher), System.err);
        String loadAfter = LoadAverage.now();

        ResultTable table = new ResultTable(SCENARIO, outcome, systems);
        out.println();
        out.printf("started %s; %d cores; Java %s (%s); MariaDB %s%n", started,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), outcome.serverVersion());
        out.printf("worker JVM options: %s; warm-up reads per worker before the timed one: %d; worker logs in %s%n",
                String.join(" ", launcher.jvmOptions()), warmup, logs);
        out.printf("load average (1, 5, 15 min) before: %s, after: %s%n", loadBefore, loadAfter);
        out.printf("data: %s; %d run(s)%n%n", outcome.range(), runs);
        out.print(table.render());
        out.println();
        out.print(table.renderRuns());
        out.println();
        out.println("rate ratios, median of the per-run ratios (min-max):");
        out.print(table.renderPairs());
        if (systems.size() > 1) {
            Stats ratio = table.ratio(systems.get(1));
            out.printf(Locale.ROOT, "%ntarget: %s at least %.0f%% of %s: %s (median ratio %.2f)%n",
                    systems.get(1).label(), target * 100, systems.get(0).label(),
                    ratio.median() >= target ? "met" : "NOT met", ratio.median());
        }
        if (!table.countsMatch()) {
            out.println("ERROR: a system did not deliver exactly " + outcome.range().expectedRows() + " row changes");
            return 1;
        }
        return 0;
    }

    /** Reads a {@link BenchSystem} from its option name. */
    static final class SystemOption implements CommandLine.ITypeConverter<BenchSystem> {
        @Override
        public BenchSystem convert(String value) {
            return BenchSystem.ofOption(value);
        }
    }
}
