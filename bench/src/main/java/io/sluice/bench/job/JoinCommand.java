package io.sluice.bench.job;

import io.sluice.bench.SummaryRow;

import org.apache.flink.annotation.VisibleForTesting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench join}: scenarios 4 and 5, the shop job's join and aggregate throughput and memory. */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "Writes shop row changes (buyers, sharded orders and items, order updates) on a private MariaDB,"
                + " then runs the example shop job over them, once per run, each in a fresh JVM; reports rows/s,"
                + " the heap after GC and the state size of a checkpoint at the end.")
public final class JoinCommand implements Callable<Integer> {
    @Option(names = "--changes", defaultValue = "1000000", description = "row changes to write (default ${DEFAULT-VALUE})")
    long changes;

    @Option(names = "--runs", defaultValue = "3", description = "runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--job-file", defaultValue = "jobs/examples/shop.yaml",
            description = "the shop job file (default ${DEFAULT-VALUE})")
    Path jobFile;

    @Option(names = "--parallelism", defaultValue = "0",
            description = "the job's parallelism (default ${DEFAULT-VALUE}: the job file's)")
    int parallelism;

    @Option(names = "--heap", defaultValue = "4g", description = "-Xmx of the worker JVM: the join state lives on the"
            + " heap, about 2 KiB a change (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--log-dir", description = "where job files, outputs and worker logs go (default: a new temporary directory)")
    Path logDir;

    /** What the last call measured, for the smoke test. */
    @VisibleForTesting
    public JoinScenario.Outcome outcome;

    @Override
    public Integer call() throws Exception {
        Path logs = logDir != null ? logDir : Files.createTempDirectory("sluice-bench-join-");
        outcome = JoinScenario.run(new JoinScenario.Settings(changes, runs, jobFile, parallelism, heap, logs), System.err);
        System.out.println();
        System.out.print(SummaryRow.render(outcome.rows()));
        if (!outcome.complete()) {
            System.out.println("ERROR: a run did not read every change or did not end with the source's aggregate;"
                    + " see " + logs);
            return 1;
        }
        return 0;
    }
}
