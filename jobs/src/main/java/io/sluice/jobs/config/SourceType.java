package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** The kind of database a source reads: the {@code source.type} key. */
@PublicEvolving
public enum SourceType implements ConfigName {
    /** MySQL or MariaDB, through the binlog. */
    MYSQL("mysql");

    private final String configName;

    SourceType(String configName) {
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
