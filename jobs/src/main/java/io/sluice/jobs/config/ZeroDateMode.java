package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** What a zero date ({@code 0000-00-00}) becomes: the {@code source.zero-date} key. */
@PublicEvolving
public enum ZeroDateMode implements ConfigName {
    /** JSON null. */
    NULL("null"),
    /** The string as MySQL prints it, e.g. {@code "0000-00-00 00:00:00"}. */
    STRING("string");

    private final String configName;

    ZeroDateMode(String configName) {
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
