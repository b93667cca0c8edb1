package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.Internal;

/** The producer's {@code acks}. */
@Internal
public enum Acks implements ConfigName {
    /** Every in-sync replica has the record. */
    ALL("all"),
    /** The partition leader has it. */
    LEADER("1"),
    /** Nobody confirms (not with exactly-once). */
    NONE("0");

    private final String configName;

    Acks(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
