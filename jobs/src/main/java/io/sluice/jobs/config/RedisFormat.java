package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/** How a row is stored under its Redis key: the {@code format} key of a redis sink. */
@PublicEvolving
public enum RedisFormat implements ConfigName {
    /** A hash with one field per column. */
    HASH("hash"),
    /** A string holding the row as canonical JSON. */
    JSON("json"),
    /** A string holding the value of one column ({@code value-column}). */
    VALUE("value");

    private final String configName;

    RedisFormat(String configName) {
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
