package io.sluice.sinks.rabbitmq;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.Event;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.messages.MessageFormatOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code type: rabbitmq}: the keys of a rabbitmq sink, and the {@link RabbitMqSink} built from them. */
@Internal
public final class RabbitMqSinkFactory implements SinkFactory {

    static final int BATCH_SIZE = 1000;
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);

    public static final ConfigOption<String> HOST = ConfigOption.string("host").withDefault("127.0.0.1")
            .accepting("a host name or IP address").withDoc("The RabbitMQ node.");
    public static final ConfigOption<Integer> PORT = ConfigOption.integer("port", 1, 65535).withDefault(5672)
            .withDoc("Its AMQP port.");
    public static final ConfigOption<String> VIRTUAL_HOST = ConfigOption.string("virtual-host").withDefault("/")
            .accepting("a virtual host name").withDoc("The virtual host.");
    public static final ConfigOption<String> USERNAME = ConfigOption.string("username").withDefault("guest")
            .nonEmpty().accepting("a RabbitMQ user").withDoc("The user (it needs write and, for the exchange check, "
                    + "configure-or-passive access to the exchanges).");
    public static final ConfigOption<Secret> PASSWORD = ConfigOption.secret("password")
            .withDoc("The user's password (default: guest's).");
    public static final ConfigOption<String> EXCHANGE = ConfigOption.template("exchange", "cdc")
            .withDoc("The exchange each change is published to; left out: the default exchange (routing key = queue).");
    public static final ConfigOption<String> ROUTING_KEY = ConfigOption.template("routing-key", "{db}.{table}")
            .required().withDoc("The routing key of each change.");
    public static final ConfigOption<Boolean> PERSISTENT = ConfigOption.bool("persistent").withDefault(true)
            .withDoc("Messages survive a broker restart in durable queues (delivery mode 2).");
    public static final ConfigOption<Boolean> MANDATORY = ConfigOption.bool("mandatory").withDefault(true)
            .withDoc("A message no queue takes comes back and goes to the error policy; false: RabbitMQ drops it.");
    public static final ConfigOption<Duration> CONFIRM_TIMEOUT = ConfigOption.duration("confirm-timeout")
            .withDefault(Duration.ofSeconds(30))
            .withDoc("How long a batch waits for the broker's confirms before it is published again.");
    public static final ConfigOption<TruncatePolicy> TRUNCATE = TruncatePolicy.option(null);

    @Override
    public String type() {
        return "rabbitmq";
    }

    @Override
    public String description() {
        return "Messages on a RabbitMQ exchange (Canal, Debezium or Sluice JSON).";
    }

    @Override
    public List<ConfigOption<?>> options() {
        List<ConfigOption<?>> options = new ArrayList<>(List.of(HOST, PORT, VIRTUAL_HOST, USERNAME, PASSWORD, EXCHANGE,
                ROUTING_KEY));
        options.addAll(MessageFormatOptions.options());
        options.addAll(List.of(PERSISTENT, MANDATORY, CONFIRM_TIMEOUT, TRUNCATE));
        return options;
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        TruncatePolicy.refuseDelete(options, errors, TRUNCATE, "a queue's consumers hold the rows, not the sink");
        MessageFormatOptions.validate(options, errors);
    }

    @Override
    public String target(Options options) {
        return options.getOptional(EXCHANGE).orElse("") + "/" + options.get(ROUTING_KEY);
    }

    @Override
    public String identity(Options options) {
        return options.get(HOST) + ":" + options.get(PORT) + options.get(VIRTUAL_HOST) + "|" + target(options);
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        Options options = context.options();
        return new RabbitMqSink(new RabbitMqSinkOptions(context.name(), options.get(HOST), options.get(PORT),
                options.get(VIRTUAL_HOST), options.get(USERNAME),
                options.getOptional(PASSWORD).map(Secret::reveal).orElse("guest"),
                options.getOptional(EXCHANGE).orElse(""), options.get(ROUTING_KEY), options.get(MessageFormatOptions.FORMAT),
                MessageFormatOptions.messages(options), options.get(PERSISTENT), options.get(MANDATORY), BATCH_SIZE,
                FLUSH_INTERVAL, options.get(CONFIRM_TIMEOUT), RetryOptions.DEFAULT, context.errorPolicy(),
                options.get(TRUNCATE)));
    }
}
