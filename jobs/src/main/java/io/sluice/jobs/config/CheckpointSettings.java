package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Checkpointing of the job: the {@code job.checkpoint} block. {@code dir} is a directory URI or
 * path for checkpoint data; when absent, the command picks one per job name for local runs.
 */
@PublicEvolving
public record CheckpointSettings(Duration interval, CheckpointMode mode, Optional<String> directory) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** Flink refuses shorter intervals. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public static final CheckpointSettings DEFAULT =
            new CheckpointSettings(DEFAULT_INTERVAL, CheckpointMode.EXACTLY_ONCE, Optional.empty());

    public CheckpointSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(directory, "directory");
    }
}
