package io.sluice.jobs.cli;

import io.sluice.jobs.runner.ClusterRunner;

import org.apache.flink.annotation.PublicEvolving;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code sluice} command. {@code main} is the jar's entry point, both for {@code ./sluice}
 * (plain {@code java}: local runs) and for Flink ({@code flink run sluice.jar run JOB.yaml} or a web
 * UI upload: the job goes to that cluster, and errors are thrown rather than exiting the JVM).
 */
@PublicEvolving
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "Sluice 0.1.0 (Flink 1.20)",
        description = "Reads the MySQL/MariaDB binlog and keeps targets in step with it, as a Flink job "
                + "described by a YAML file.",
        subcommands = {RunCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Sluice implements Runnable {

    /** The job file is invalid, or the arguments are. */
    public static final int INVALID = 2;

    final PrintStream out;
    final PrintStream err;
    final InputStream in;

    @Spec
    CommandSpec spec;

    Sluice(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        if (ClusterRunner.insideFlink()) {
            // Inside Flink (the client of flink run, or the JobManager for a web upload): never exit
            // the JVM; fail with the messages so that Flink shows them.
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(new Tee(System.err, messages), true, StandardCharsets.UTF_8);
            int code = execute(args, System.out, err, System.in);
            if (code != 0) {
                throw new IllegalStateException("sluice " + (args.length == 0 ? "" : args[0]) + " failed (exit code "
                        + code + "):\n" + messages.toString(StandardCharsets.UTF_8).trim());
            }
            return;
        }
        System.exit(execute(args, System.out, System.err, System.in));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err, InputStream in) {
        CommandLine cli = new CommandLine(new Sluice(out, err, in));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("sluice: " + e);
            e.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            try {
                first.write(b, off, len);
            } catch (IOException e) {
                // the console is gone; keep the copy
            }
            try {
                second.write(b, off, len);
            } catch (IOException e) {
                // a ByteArrayOutputStream does not throw
            }
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
