package io.sluice.sinks.messages;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** The value format of a message: what a consumer of the topic or queue reads. */
@PublicEvolving
public enum MessageFormat implements ConfigName {
    /** Canal's flat message ({@code flatMessage = true}): values as strings, {@code old} with the changed columns. */
    CANAL_JSON("canal-json"),
    /** Debezium's envelope ({@code before}, {@code after}, {@code op}, {@code source}) as its JsonConverter writes it. */
    DEBEZIUM_JSON("debezium-json"),
    /** Sluice's canonical JSON event. */
    JSON("json");

    private final String configName;

    MessageFormat(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
