package io.sluice.jobs.runner;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Runs a job on the Flink cluster that runs this program: {@code flink run sluice.jar run JOB.yaml}
 * or a jar uploaded through the web UI. Flink then provides a context environment; with plain
 * {@code java} (the {@code ./sluice} launcher) it does not, and {@link LocalRunner} is used instead.
 *
 * <p>On a cluster, the cluster owns checkpoints: they go to {@code job.checkpoint.dir} (or
 * {@code --checkpoint-dir}, or the cluster's {@code state.checkpoints.dir}) and a job resumes with
 * {@code flink run -s <checkpoint or savepoint>}.
 */
@Internal
public final class ClusterRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRunner.class);

    private final JobConfig job;
    private final Optional<String> checkpointDir;
    private final PrintStream err;

    public ClusterRunner(JobConfig job, Optional<String> checkpointDir, PrintStream err) {
        this.job = job;
        this.checkpointDir = checkpointDir;
        this.err = err;
    }

    /** True when Flink runs this program and provides the environment to submit to (not a local one). */
    public static boolean insideFlink() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }

    /**
     * Submits the job. When Flink runs the program attached ({@code flink run} without {@code -d}),
     * waits for the job to end.
     *
     * @return 0 when submitted (detached) or finished (attached); 1 when it failed
     */
    public int run() {
        String name = job.job().name();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkSettings.of(job.job(), checkpointDir.or(() -> job.job().checkpoint().directory())));
        new TopologyBuilder(job).build(env);
        err.println("sluice: submitting job " + name + " to the Flink cluster");
        try {
            JobExecutionResult result = env.execute(name);
            err.println("sluice: job " + name + " (" + result.getJobID() + ") "
                    + (result instanceof DetachedJobExecutionResult ? "submitted" : "finished"));
            return LocalRunner.OK;
        } catch (Exception e) {
            LOG.error("Job {} failed", name, e);
            err.println("sluice: job " + name + " failed: " + Failures.rootCause(e));
            return LocalRunner.FAILED;
        }
    }
}
