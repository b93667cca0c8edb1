package io.sluice.jobs.runner;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a job on a Flink MiniCluster in this JVM, with the web UI on 127.0.0.1, as Canal runs a
 * single instance: the job's checkpoints are kept in its own folder and the next run resumes from
 * the newest one. Ctrl-C stops the job with a savepoint there (cancelling it if that fails).
 *
 * <p>Exit codes: 0 when a bounded job finished; 1 when the job failed (its root cause is printed)
 * or could not start; 130 when stopped by a signal.
 */
@Internal
public final class LocalRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int STOPPED = 130;

    /** Where local runs keep checkpoints unless told otherwise: {@code .sluice/checkpoints/<job name>}. */
    public static final Path DEFAULT_CHECKPOINT_ROOT = Path.of(".sluice", "checkpoints");

    private static final String BIND_ADDRESS = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FAILURE_POLL = Duration.ofSeconds(2);

    /**
     * How to run.
     *
     * @param webPort the web UI's port; 0 picks a free one
     * @param checkpointDir overrides the job file's {@code job.checkpoint.dir} and the default
     * @param fromScratch start at the job's startup position even when a checkpoint exists
     */
    public record Options(int webPort, Optional<Path> checkpointDir, boolean fromScratch) {}

    private final JobConfig job;
    private final Options options;
    private final PrintStream err;
    private final String name;

    /** Set when a signal stops the job, so its end is not taken for a failure or a finish. */
    private volatile boolean stopping;
    private final CountDownLatch done = new CountDownLatch(1);

    public LocalRunner(JobConfig job, Options options, PrintStream err) {
        this.job = job;
        this.options = options;
        this.err = err;
        this.name = job.job().name();
    }

    /** The checkpoint folder: {@code --checkpoint-dir}, else {@code job.checkpoint.dir}, else the default. */
    public Path checkpointRoot() {
        return options.checkpointDir()
                .or(() -> job.job().checkpoint().directory().map(LocalRunner::localPath))
                .orElse(DEFAULT_CHECKPOINT_ROOT.resolve(name))
                .toAbsolutePath().normalize();
    }

    private static Path localPath(String dir) {
        return dir.startsWith("file:") ? Path.of(URI.create(dir)) : Path.of(dir);
    }

    /** Runs the job until it finishes, fails or is stopped; returns the exit code. */
    public int run() throws Exception {
        // The binlog client logs through java.util.logging: into the log file, not the console.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path root = checkpointRoot();
        Optional<CheckpointDirectory> opened = CheckpointDirectory.open(root);
        if (opened.isEmpty()) {
            err.println("sluice: another run of job " + name + " is using " + root + "; stop it first");
            return FAILED;
        }
        try (CheckpointDirectory checkpoints = opened.get()) {
            Optional<Path> resume = resumePoint(checkpoints);
            Configuration conf = configuration(root);
            JobGraph graph = jobGraph(conf, resume);
            MiniCluster cluster;
            try {
                cluster = startCluster(conf);
            } catch (Exception e) {
                if (ExceptionUtils.findThrowable(e, BindException.class).isPresent()) {
                    err.println("sluice: cannot open the web UI on " + BIND_ADDRESS + ":" + options.webPort()
                            + ": the port is in use; stop what uses it or pass --web-port");
                    return FAILED;
                }
                throw e;
            }
            try (cluster) {
                return runOn(cluster, graph, checkpoints);
            } finally {
                done.countDown();
            }
        }
    }

    private Optional<Path> resumePoint(CheckpointDirectory checkpoints) {
        String startup = "startup position (" + job.source().startup() + ")";
        if (options.fromScratch()) {
            err.println("sluice: --from-scratch: job " + name + " starts at its " + startup
                    + ", ignoring the checkpoints in " + checkpoints.root());
            return Optional.empty();
        }
        Optional<Path> latest = checkpoints.latest();
        if (latest.isPresent()) {
            checkpoints.deleteAllBut(latest.get());
            err.println("sluice: job " + name + " resumes from " + latest.get()
                    + " (pass --from-scratch to start at its " + startup + " instead)");
        } else {
            err.println("sluice: job " + name + " starts at its " + startup + "; checkpoints go to "
                    + checkpoints.root());
        }
        return latest;
    }

    private Configuration configuration(Path root) {
        Configuration conf = FlinkSettings.of(job.job(), Optional.of(root.toUri().toString()));
        conf.set(RestOptions.BIND_ADDRESS, BIND_ADDRESS);
        conf.set(RestOptions.ADDRESS, BIND_ADDRESS);
        conf.set(RestOptions.PORT, options.webPort());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, job.job().parallelism());
        return conf;
    }

    private JobGraph jobGraph(Configuration conf, Optional<Path> resume) {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        new TopologyBuilder(job).build(env);
        JobGraph graph = env.getStreamGraph().getJobGraph(Thread.currentThread().getContextClassLoader(), null);
        resume.ifPresent(dir -> graph.setSavepointRestoreSettings(
                SavepointRestoreSettings.forPath(dir.toUri().toString(), false)));
        return graph;
    }

    private MiniCluster startCluster(Configuration conf) throws Exception {
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(job.job().parallelism())
                .build());
        try {
            cluster.start();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private int runOn(MiniCluster cluster, JobGraph graph, CheckpointDirectory checkpoints) throws Exception {
        URI web = cluster.getRestAddress().get();
        err.println("sluice: Flink web UI: " + web);
        JobID id = cluster.submitJob(graph).get().getJobID();
        err.println("sluice: job " + name + " is running (" + id + "); press Ctrl-C to stop it");

        // Ctrl-C and SIGTERM are handled before the JVM starts shutting down: a savepoint taken in a
        // shutdown hook races Flink's own hooks, which tear the MiniCluster down under it. The hook
        // stays as the fallback for any other way the JVM is asked to exit.
        Map<Signal, SignalHandler> previous = handleStopSignals(() -> stop(cluster, id, checkpoints.root()));
        Thread hook = new Thread(() -> stopOnSignal(cluster, id, checkpoints.root()), "sluice-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-failure-watcher");
            t.setDaemon(true);
            return t;
        });
        RestartReporter restarts = new RestartReporter(cluster, id);
        watcher.scheduleWithFixedDelay(restarts, FAILURE_POLL.toMillis(), FAILURE_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        JobResult result;
        try {
            result = cluster.requestJobResult(id).get();
        } finally {
            watcher.shutdownNow();
            removeHook(hook);
            previous.forEach(Signal::handle);
        }
        return finish(result, checkpoints);
    }

    private int finish(JobResult result, CheckpointDirectory checkpoints) {
        if (stopping) {
            return STOPPED;
        }
        if (result.getApplicationStatus() == ApplicationStatus.SUCCEEDED) {
            // Flink discards the checkpoints of a finished job; older ones would replay what it read.
            checkpoints.deleteAll();
            err.println("sluice: job " + name + " finished; the next run starts at its startup position ("
                    + job.source().startup() + ")");
            return OK;
        }
        Optional<Throwable> cause = result.getSerializedThrowable()
                .map(t -> t.deserializeError(Thread.currentThread().getContextClassLoader()));
        cause.ifPresent(t -> LOG.error("Job {} failed", name, t));
        err.println("sluice: job " + name + " " + result.getApplicationStatus().toString().toLowerCase()
                + cause.map(t -> ": " + Failures.rootCause(t)).orElse(""));
        err.println((checkpoints.latest().isPresent()
                ? "sluice: its last checkpoint is kept in " + checkpoints.root() + "; the next run resumes from it"
                : "sluice: it failed before its first checkpoint; the next run starts at its startup position")
                + logHint());
        return FAILED;
    }

    /**
     * Runs {@code stop} on its own thread at the first SIGINT or SIGTERM; a second one ends the
     * process at once. Returns the handlers to put back; empty where the JVM keeps the signals.
     */
    private Map<Signal, SignalHandler> handleStopSignals(Runnable stop) {
        Map<Signal, SignalHandler> previous = new HashMap<>();
        AtomicBoolean requested = new AtomicBoolean();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> {
                    if (requested.compareAndSet(false, true)) {
                        new Thread(stop, "sluice-stop-" + name).start();
                    } else {
                        err.println("sluice: stopping now, without waiting for the savepoint");
                        Runtime.getRuntime().halt(130);
                    }
                }));
            } catch (IllegalArgumentException e) {
                LOG.debug("Signal {} is not available to handle; relying on the shutdown hook", name, e);
            }
        }
        return previous;
    }

    /** The shutdown hook: stop as on a signal, then wait for the main thread to clean up. */
    private void stopOnSignal(MiniCluster cluster, JobID id, Path root) {
        stop(cluster, id, root);
        try {
            done.await(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the job with a savepoint, or cancels it when that fails; the main thread then finishes. */
    private void stop(MiniCluster cluster, JobID id, Path root) {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            JobStatus status = cluster.getJobStatus(id).get(5, TimeUnit.SECONDS);
            if (!status.isGloballyTerminalState()) {
                err.println("sluice: stopping job " + name + " with a savepoint in " + root + " ...");
                try {
                    String savepoint = cluster.stopWithSavepoint(id, root.toUri().toString(), false,
                            SavepointFormatType.CANONICAL).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    err.println("sluice: stopped; savepoint " + savepoint + "; the next run resumes from it");
                } catch (Exception e) {
                    LOG.warn("Stop with savepoint failed; cancelling job {}", id, e);
                    err.println("sluice: no savepoint (" + Failures.rootCause(e) + "); cancelling: the next run "
                            + "resumes from the last checkpoint");
                    cluster.cancelJob(id).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not stop job {} cleanly", id, e);
        }
    }

    /** Where the full traces are: the launcher sets {@code log.file}. */
    private static String logHint() {
        String file = System.getProperty("log.file");
        return file == null ? "" : "\nsluice: details in " + file;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
    }

    /** Prints each failure the job restarts from, so a job that keeps restarting says why. */
    private final class RestartReporter implements Runnable {
        private final MiniCluster cluster;
        private final JobID id;
        private long lastFailure;

        RestartReporter(MiniCluster cluster, JobID id) {
            this.cluster = cluster;
            this.id = id;
        }

        @Override
        public void run() {
            try {
                AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(FAILURE_POLL.toMillis(),
                        TimeUnit.MILLISECONDS);
                ErrorInfo failure = graph.getFailureInfo();
                if (failure != null && failure.getTimestamp() != lastFailure && !stopping
                        && !graph.getState().isGloballyTerminalState()) {
                    lastFailure = failure.getTimestamp();
                    err.println("sluice: job " + name + " failed and restarts (" + job.job().restart() + "): "
                            + Failures.rootCause(failure.getException().deserializeError(
                                    Thread.currentThread().getContextClassLoader())));
                }
            } catch (Exception e) {
                LOG.debug("Could not read the failures of job {}", id, e);
            }
        }
    }

    @Override
    public String toString() {
        return "LocalRunner[" + name + "]";
    }
}
