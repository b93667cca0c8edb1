package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * Job-level settings: the {@code job} block. The name identifies the job in the Flink UI, in
 * operator uids and in the local checkpoint directory.
 */
@PublicEvolving
public record JobSettings(
        String name,
        int parallelism,
        CheckpointSettings checkpoint,
        RestartStrategy restart,
        StateBackendKind stateBackend) {

    public static final int DEFAULT_PARALLELISM = 1;

    /** Flink's largest maximum parallelism. */
    public static final int MAX_PARALLELISM = 32768;

    public JobSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(stateBackend, "stateBackend");
    }
}
