package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** What a join emits when a looked-up or child row changes: the {@code output} key of a join. */
@PublicEvolving
public enum JoinOutput implements ConfigName {
    /** The whole joined document. */
    FULL("full"),
    /** Only the fields that changed (the sink merges them into the stored document). */
    PARTIAL("partial");

    private final String configName;

    JoinOutput(String configName) {
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
