package io.sluice.bench;

import io.sluice.bench.job.JoinCommand;
import io.sluice.bench.job.LatencyCommand;
import io.sluice.bench.sinks.SinksCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmark runner: one subcommand per scenario of issue 7; each prepares its own data on a
 * private MariaDB and prints a table. BENCHMARKS.md has the command and the latest results.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {AllCommand.class, BinlogCommand.class, LatencyCommand.class, JoinCommand.class,
                SinksCommand.class},
        description = "Sluice benchmarks: all (every scenario, one table), binlog, latency, join, sinks (and memory);"
                + " the snapshot scenario also runs alone as io.sluice.bench.snapshot.SnapshotBench.")
public final class Bench implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
