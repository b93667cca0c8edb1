package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

/** How documents are written: the {@code mode} key of an elasticsearch sink. */
@PublicEvolving
public enum ElasticsearchWriteMode implements ConfigName {
    /** Each change replaces the whole document. */
    INDEX("index"),
    /** Each change updates the given fields, creating the document if missing. */
    UPSERT("upsert");

    private final String configName;

    ElasticsearchWriteMode(String configName) {
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
