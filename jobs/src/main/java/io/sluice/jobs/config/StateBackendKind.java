package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** Where Flink keeps operator state: the {@code job.state-backend} key. */
@PublicEvolving
public enum StateBackendKind implements ConfigName {
    /** On the JVM heap; fast, bounded by memory. */
    HASHMAP,
    /** In embedded RocksDB on local disk; for state larger than memory. */
    ROCKSDB;

    @Override
    public String toString() {
        return configName();
    }
}
