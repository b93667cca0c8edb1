package io.sluice.sinks.messages;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;

import org.apache.flink.annotation.Internal;

import java.util.List;

/** The keys that choose and tune a message format, shared by the message-queue sinks. */
@Internal
public final class MessageFormatOptions {
    private MessageFormatOptions() {}

    public static final ConfigOption<MessageFormat> FORMAT = ConfigOption.choice("format", MessageFormat.class,
            "message format").withDefault(MessageFormat.JSON)
            .withDoc("The message value: Canal's flat message, Debezium's envelope, or Sluice's canonical JSON.");
    public static final ConfigOption<Boolean> SCHEMA_INCLUDE = ConfigOption.bool("schema-include").withDefault(false)
            .withDoc("debezium-json: each message carries its Connect schema (`schemas.enable`).");
    public static final ConfigOption<MessageOptions.DecimalHandling> DECIMAL_HANDLING = ConfigOption.choice(
            "decimal-handling", MessageOptions.DecimalHandling.class, "decimal handling")
            .withDefault(MessageOptions.DecimalHandling.PRECISE)
            .withDoc("debezium-json: DECIMAL as Connect's base64 bytes, as text, or as a double (`decimal.handling.mode`).");
    public static final ConfigOption<String> SERVER_NAME = ConfigOption.string("server-name").nonEmpty()
            .withDefault("sluice").accepting("a name")
            .withDoc("debezium-json: the logical server name (`topic.prefix`) in `source.name` and schema names.");

    /** The format keys, in the order the reference lists them. */
    public static List<ConfigOption<?>> options() {
        return List.of(FORMAT, SCHEMA_INCLUDE, DECIMAL_HANDLING, SERVER_NAME);
    }

    /** Refuses the Debezium keys with another format. */
    public static void validate(Options options, OptionErrors errors) {
        if (options.get(FORMAT) == MessageFormat.DEBEZIUM_JSON) {
            return;
        }
        for (ConfigOption<?> option : List.of(SCHEMA_INCLUDE, DECIMAL_HANDLING, SERVER_NAME)) {
            if (options.has(option)) {
                errors.error(option, option.key() + " is only used with format: debezium-json; remove it or set "
                        + "format: debezium-json");
            }
        }
    }

    /** What the format is told besides its name. */
    public static MessageOptions messages(Options options) {
        return new MessageOptions(options.get(SERVER_NAME), options.get(SCHEMA_INCLUDE), options.get(DECIMAL_HANDLING));
    }
}
