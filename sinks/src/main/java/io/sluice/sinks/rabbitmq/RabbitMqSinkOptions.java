package io.sluice.sinks.rabbitmq;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.messages.MessageFormat;
import io.sluice.sinks.messages.MessageOptions;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;

/**
 * Everything a RabbitMQ sink is made from.
 *
 * @param name the sink's name in logs, metrics and dead letters
 * @param exchange the exchange template ({@code ""}: the default exchange)
 * @param routingKey the routing-key template
 * @param persistent messages survive a broker restart (delivery mode 2)
 * @param mandatory a message no queue takes comes back and goes to the error policy
 * @param confirmTimeout how long a batch waits for the broker's confirms before it is sent again
 */
@Internal
public record RabbitMqSinkOptions(
        String name,
        String host,
        int port,
        String virtualHost,
        String username,
        String password,
        String exchange,
        String routingKey,
        MessageFormat format,
        MessageOptions messages,
        boolean persistent,
        boolean mandatory,
        int batchSize,
        Duration flushInterval,
        Duration confirmTimeout,
        RetryOptions retry,
        ErrorPolicy errorPolicy,
        TruncatePolicy truncate)
        implements Serializable {

    @Override
    public String toString() {
        return "RabbitMqSinkOptions[name=" + name + ", " + host + ":" + port + virtualHost + ", user=" + username
                + ", exchange=" + exchange + ", routingKey=" + routingKey + ", format=" + format.configName()
                + ", persistent=" + persistent + ", mandatory=" + mandatory + "]";
    }
}
