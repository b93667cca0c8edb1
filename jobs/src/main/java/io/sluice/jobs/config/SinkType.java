package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/** The kind of target a sink writes to: the {@code type} key of a sink. */
@PublicEvolving
public enum SinkType implements ConfigName {
    /** One line of canonical JSON per event, to stdout or a file. */
    PRINT("print"),
    /** Keys in Redis (hash, JSON string or single value). */
    REDIS("redis"),
    /** Documents in Elasticsearch 7. */
    ELASTICSEARCH("elasticsearch"),
    /** Rows in a relational database. */
    JDBC("jdbc");

    private final String configName;

    SinkType(String configName) {
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
