package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/** How rows are written: the {@code mode} key of a jdbc sink. */
@PublicEvolving
public enum JdbcWriteMode implements ConfigName {
    /** Idempotent keyed upserts and deletes, flushed on every checkpoint. */
    UPSERT("upsert"),
    /** XA transactions committed when a checkpoint completes (exactly once). */
    XA("xa");

    private final String configName;

    JdbcWriteMode(String configName) {
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
