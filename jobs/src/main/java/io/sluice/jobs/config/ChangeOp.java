package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** A kind of change a filter lets through: the {@code ops} key of a filter. */
@PublicEvolving
public enum ChangeOp implements ConfigName {
    /** A row was inserted. */
    INSERT("c"),
    /** A row was updated. */
    UPDATE("u"),
    /** A row was deleted. */
    DELETE("d"),
    /** A schema change. */
    DDL("ddl");

    private final String configName;

    ChangeOp(String configName) {
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
