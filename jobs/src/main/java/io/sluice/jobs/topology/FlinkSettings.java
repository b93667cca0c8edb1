package io.sluice.jobs.topology;

import io.sluice.jobs.config.CheckpointMode;
import io.sluice.jobs.config.JobSettings;
import io.sluice.jobs.config.RestartStrategy;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

import java.util.Optional;

/**
 * The {@code job} block as Flink configuration: name, parallelism, checkpointing (interval, mode,
 * storage directory, retained when the job is cancelled or fails), restart strategy and state
 * backend. Generic (Kryo) types are switched off: every record type has its own serializer.
 */
@PublicEvolving
public final class FlinkSettings {

    private FlinkSettings() {}

    /** The job's settings, with the checkpoint directory of the job file, if any. */
    public static Configuration of(JobSettings job) {
        return of(job, job.checkpoint().directory());
    }

    /**
     * The job's settings with a checkpoint directory chosen by the caller.
     *
     * @param checkpointDirectory a path or URI; empty leaves the cluster's default
     */
    public static Configuration of(JobSettings job, Optional<String> checkpointDirectory) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.NAME, job.name());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, job.parallelism());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, job.checkpoint().interval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                job.checkpoint().mode() == CheckpointMode.AT_LEAST_ONCE
                        ? CheckpointingMode.AT_LEAST_ONCE : CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        checkpointDirectory.ifPresent(dir -> {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        });
        conf.set(StateBackendOptions.STATE_BACKEND, job.stateBackend().configName());
        restart(conf, job.restart());
        return conf;
    }

    private static void restart(Configuration conf, RestartStrategy restart) {
        if (restart instanceof RestartStrategy.FixedDelay fixed) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, fixed.attempts());
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, fixed.delay());
        } else if (restart instanceof RestartStrategy.ExponentialDelay exponential) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, exponential.initial());
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, exponential.max());
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
    }
}
