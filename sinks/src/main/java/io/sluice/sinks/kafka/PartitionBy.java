package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.Internal;

/** How a message picks its partition. */
@Internal
public enum PartitionBy implements ConfigName {
    /** By the hash of the message key (the producer's default): a row's changes stay in order. */
    KEY("key"),
    /** By the hash of the table's qualified name: a table's changes stay in order, in one partition. */
    TABLE("table");

    private final String configName;

    PartitionBy(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
