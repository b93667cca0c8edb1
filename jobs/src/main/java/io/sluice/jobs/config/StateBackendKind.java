package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** Where Flink keeps operator state: the {@code job.state-backend} key. */
@PublicEvolving
public enum StateBackendKind implements ConfigName {
    /** On the JVM heap; fast, bounded by memory. */
    HASHMAP("hashmap"),
    /** In embedded RocksDB on local disk; for state larger than memory. */
    ROCKSDB("rocksdb");

    private final String configName;

    StateBackendKind(String configName) {
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
