package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.Internal;

/** The client's {@code sasl.mechanism}, with the login module its JAAS line names. */
@Internal
public enum SaslMechanism implements ConfigName {
    PLAIN("plain", "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    SCRAM_SHA_256("scram-sha-256", "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_512("scram-sha-512", "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String configName;
    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String configName, String kafkaName, String loginModule) {
        this.configName = configName;
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    @Override
    public String configName() {
        return configName;
    }

    String kafkaName() {
        return kafkaName;
    }

    /** The {@code sasl.jaas.config} line for a user; quotes and backslashes in the values are escaped. */
    String jaas(String username, String password) {
        return loginModule + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
