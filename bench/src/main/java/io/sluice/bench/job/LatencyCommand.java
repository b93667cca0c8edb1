package io.sluice.bench.job;

import io.sluice.bench.SummaryRow;

import org.apache.flink.annotation.VisibleForTesting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bench latency}: scenario 3, commit-to-visible latency in Redis, Elasticsearch and a JDBC table. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Commits rows at a steady rate on a private MariaDB while a Sluice job keeps Redis, Elasticsearch"
                + " and a MariaDB table in step; reports p50, p99 and max of the time from commit to visibility.")
public final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "5000", description = "rows per second written (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "seconds of writing per run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "first seconds left out of the percentiles (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--runs", defaultValue = "3", description = "runs, each a fresh job (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "1",
            description = "whole runs made first and left out (default ${DEFAULT-VALUE})")
    int warmupRuns;

    @Option(names = "--checkpoint-interval", defaultValue = "10", description = "the job's checkpoint interval in"
            + " seconds (default ${DEFAULT-VALUE})")
    int checkpointSeconds;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of the job's JVM (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--log-dir", description = "where job files and worker logs go (default: a new temporary directory)")
    Path logDir;

    /** What the last call measured, for the smoke test. */
    @VisibleForTesting
    public LatencyScenario.Outcome outcome;

    @Override
    public Integer call() throws Exception {
        Path logs = logDir != null ? logDir : Files.createTempDirectory("sluice-bench-latency-");
        outcome = LatencyScenario.run(new LatencyScenario.Settings(rate, seconds, warmupSeconds, runs, warmupRuns,
                Duration.ofSeconds(checkpointSeconds), heap, logs), System.err);
        System.out.println();
        System.out.print(SummaryRow.render(outcome.rows()));
        if (!outcome.complete()) {
            System.out.println("ERROR: a target does not hold every row written; see " + logs);
            return 1;
        }
        return 0;
    }
}
