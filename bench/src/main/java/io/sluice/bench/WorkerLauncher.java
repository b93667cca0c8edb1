package io.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one {@link Worker} JVM per measurement, with the same JVM options for every system, and
 * reads its result line. Each worker's output goes to a log file of its own.
 */
final class WorkerLauncher {
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
        List<String> args = new ArrayList<>();
        args.add(system.name());
        args.add(String.valueOf(warmups));
        args.addAll(range.toArgs());
        List<String> command = system == BenchSystem.FLINK_CDC
                ? WorkerJvm.command(jvmOptions(), FlinkCdcBuild.classpath(cdcHome), FLINK_CDC_WORKER, args)
                : WorkerJvm.command(jvmOptions(), System.getProperty("java.class.path"), Worker.class.getName(), args);
        return Measurement.of(WorkerJvm.runForResult(system.label(), command, log, TIMEOUT));
    }
}
