package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** What a join emits when a looked-up or child row changes: the {@code output} key of a join. */
@PublicEvolving
public enum JoinOutput implements ConfigName {
    /** The whole joined document. */
    FULL,
    /** Only the fields that changed (the sink merges them into the stored document). */
    PARTIAL;

    @Override
    public String toString() {
        return configName();
    }
}
