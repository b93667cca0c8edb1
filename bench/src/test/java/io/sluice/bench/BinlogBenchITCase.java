package io.sluice.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
        CommandLine bench = Bench.commandLine();

        int exit = bench.execute("binlog", "--rows", "20000", "--runs", "1", "--systems", "bare,sluice",
                "--log-dir", logs.toString());

        assertThat(exit).isZero();
        BinlogCommand binlog = bench.getSubcommands().get("binlog").getCommand();
        BinlogScenario.Outcome outcome = binlog.outcome;
        assertThat(outcome.range().expectedRows()).isEqualTo(20_000);
        assertThat(outcome.runs()).hasSize(1);
        List<Measurement> run = outcome.runs().get(0);
        assertThat(run).extracting(Measurement::system).containsExactly(BenchSystem.BARE, BenchSystem.SLUICE);
        assertThat(run).extracting(Measurement::rows).containsOnly(20_000L);
    }
}
