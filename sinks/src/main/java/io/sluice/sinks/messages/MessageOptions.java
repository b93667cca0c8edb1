package io.sluice.sinks.messages;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * What a format may be told besides its name.
 *
 * @param serverName Debezium's logical server name ({@code topic.prefix}): the {@code source.name}
 *     field and the prefix of the schema names
 * @param includeSchema Debezium's {@code schemas.enable}: each message carries its schema
 * @param decimals how Debezium writes DECIMAL values
 */
@PublicEvolving
public record MessageOptions(String serverName, boolean includeSchema, DecimalHandling decimals)
        implements Serializable {

    /** Debezium's {@code decimal.handling.mode}. */
    public enum DecimalHandling implements ConfigName {
        /** The unscaled value's two's-complement bytes, base64 in JSON, with the scale in the schema (Debezium's default). */
        PRECISE("precise"),
        /** The plain decimal text. */
        STRING("string"),
        /** A JSON number (may lose digits). */
        DOUBLE("double");

        private final String configName;

        DecimalHandling(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    public static MessageOptions defaults() {
        return new MessageOptions("sluice", false, DecimalHandling.PRECISE);
    }
}
