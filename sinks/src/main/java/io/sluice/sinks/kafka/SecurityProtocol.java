package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.Internal;

/** The client's {@code security.protocol}. */
@Internal
public enum SecurityProtocol implements ConfigName {
    PLAINTEXT("plaintext"),
    SSL("ssl"),
    SASL_PLAINTEXT("sasl_plaintext"),
    SASL_SSL("sasl_ssl");

    private final String configName;

    SecurityProtocol(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    boolean sasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    boolean tls() {
        return this == SSL || this == SASL_SSL;
    }
}
