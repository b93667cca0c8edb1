package io.sluice.bench;

import io.sluice.bench.worker.ResultLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one {@link Worker} JVM per measurement, with the same JVM options for every system, and
 * reads its result line. Each worker's output goes to a log file of its own.
 */
final class WorkerLauncher {
    /** The module opens Flink needs on Java 17 (Flink's own {@code env.java.opts.all}). */
    private static final List<String> FLINK_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** The Flink CDC worker's main, in {@code bench/flink-cdc}: this module cannot see it. */
    private static final String FLINK_CDC_WORKER = "io.sluice.bench.cdc.FlinkCdcBinlogWorker";

    private final String heap;
    private final int warmups;
    private final List<String> extraJvmOptions;
    private final Path logDir;
    private final Path cdcHome;

    /**
     * @param warmups untimed reads of the whole range each worker makes before the timed one (0:
     *     the timed read runs in a cold JVM)
     * @param cdcHome the Flink CDC workers' build ({@link FlinkCdcBuild})
     */
    WorkerLauncher(String heap, int warmups, List<String> extraJvmOptions, Path logDir, Path cdcHome) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warm-up reads must not be negative, got " + warmups);
        }
        this.heap = heap;
        this.warmups = warmups;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.logDir = logDir;
        this.cdcHome = cdcHome;
    }

    /** Fails before any data is written when a system's worker cannot run as asked. */
    void checkBuilt(List<BenchSystem> systems) {
        if (systems.contains(BenchSystem.FLINK_CDC)) {
            if (warmups > 0) {
                throw new IllegalArgumentException("--warmup " + warmups + " cannot be used with flink-cdc: its worker makes"
                        + " one read per JVM (its sink counts per JVM); use --warmup 0 or leave flink-cdc out of"
                        + " --systems");
            }
            FlinkCdcBuild.classpath(cdcHome);
        }
    }

    int warmups() {
        return warmups;
    }

    /** The JVM options every worker gets, for the report. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        options.addAll(extraJvmOptions);
        return options;
    }

    Measurement run(BenchSystem system, BinlogRange range, int run) {
        Path log = logDir.resolve("run" + run + "-" + system.name().toLowerCase() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(FLINK_OPENS);
        command.add("-cp");
        if (system == BenchSystem.FLINK_CDC) {
            command.add(FlinkCdcBuild.classpath(cdcHome));
            command.add(FLINK_CDC_WORKER);
        } else {
            command.add(System.getProperty("java.class.path"));
            command.add(Worker.class.getName());
        }
        command.add(system.name());
        command.add(String.valueOf(warmups));
        command.addAll(range.toArgs());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(system.label() + " did not finish within " + TIMEOUT + "; see " + log);
            }
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(ResultLine.PREFIX)) {
                    return Measurement.parse(lines.get(i));
                }
            }
            throw new IllegalStateException(system.label() + " worker exited with " + process.exitValue()
                    + " and no result; last lines of " + log + ":\n" + tail(lines, 30));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the " + system.label() + " worker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + system.label() + " ran", e);
        }
    }

    private static String tail(List<String> lines, int n) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
