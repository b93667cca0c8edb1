package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** How checkpoints align records: the {@code job.checkpoint.mode} key. */
@PublicEvolving
public enum CheckpointMode implements ConfigName {
    /** Barriers are aligned: state reflects each record exactly once. */
    EXACTLY_ONCE("exactly_once"),
    /** Barriers are not aligned: faster, but records may be replayed into state. */
    AT_LEAST_ONCE("at_least_once");

    private final String configName;

    CheckpointMode(String configName) {
        this.configName = configName;
    }

    /** The spelling in the job file. */
    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
