package io.sluice.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark runner working: scenario 1 at a smoke size, through the same command line.
 * It checks what each system read, never how fast.
 */
class BinlogBenchITCase {

    @Test
    void bothSystemsReadEveryRowChange(@TempDir Path logs) {
        BinlogScenario.Outcome outcome = run("bare,sluice", logs);

        List<Measurement> run = outcome.runs().get(0);
        assertThat(run).extracting(Measurement::system).containsExactly(BenchSystem.BARE, BenchSystem.SLUICE);
        assertThat(run).extracting(Measurement::rows).containsOnly(20_000L);
    }

    /** Needs the Flink CDC workers' build, which {@code bench/run} makes and the module's own build does not. */
    @Test
    void flinkCdcReadsEveryRowChangeInTheSameRun(@TempDir Path logs) {
        Path cdcHome = Path.of(System.getProperty("sluice.bench.cdcHome", "flink-cdc"));
        Assumptions.assumeTrue(Files.isRegularFile(cdcHome.resolve("target/classpath.txt")),
                "no Flink CDC worker build at " + cdcHome + ": " + FlinkCdcBuild.BUILD_COMMAND);

        BinlogScenario.Outcome outcome = run("sluice,flink-cdc", logs, "--cdc-home", cdcHome.toString());

        List<Measurement> run = outcome.runs().get(0);
        assertThat(run).extracting(Measurement::system).containsExactly(BenchSystem.SLUICE, BenchSystem.FLINK_CDC);
        assertThat(run).extracting(Measurement::rows).containsOnly(20_000L);
    }

    private static BinlogScenario.Outcome run(String systems, Path logs, String... more) {
        CommandLine bench = Bench.commandLine();
        List<String> args = new java.util.ArrayList<>(List.of("binlog", "--rows", "20000", "--runs", "1",
                "--systems", systems, "--log-dir", logs.toString()));
        args.addAll(List.of(more));

        int exit = bench.execute(args.toArray(String[]::new));

        assertThat(exit).isZero();
        BinlogScenario.Outcome outcome = ((BinlogCommand) bench.getSubcommands().get("binlog").getCommand()).outcome;
        assertThat(outcome.range().expectedRows()).isEqualTo(20_000);
        assertThat(outcome.runs()).hasSize(1);
        return outcome;
    }
}
