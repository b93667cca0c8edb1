package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.Internal;

/** The producer's {@code compression.type}. */
@Internal
public enum Compression implements ConfigName {
    NONE("none"),
    GZIP("gzip"),
    SNAPPY("snappy"),
    LZ4("lz4"),
    ZSTD("zstd");

    private final String configName;

    Compression(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
