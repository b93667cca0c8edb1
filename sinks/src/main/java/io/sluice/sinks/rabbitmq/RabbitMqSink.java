package io.sluice.sinks.rabbitmq;

import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/**
 * Publishes each change as a message to a RabbitMQ exchange with a routing key from templates, in
 * a format Canal's, Debezium's or Sluice's consumers read. Publisher confirms are waited for on
 * every batch and before every checkpoint completes, so a restored job replays only unconfirmed
 * changes (at least once). One channel per writer keeps each row's messages in order.
 */
@PublicEvolving
public final class RabbitMqSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;

    private final RabbitMqSinkOptions options;

    public RabbitMqSink(RabbitMqSinkOptions options) {
        this.options = options;
    }

    public RabbitMqSinkOptions options() {
        return options;
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) throws IOException {
        return new RabbitMqWriter(options, context.metricGroup(), context.getProcessingTimeService());
    }

    /** Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this older entry point does the same. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) throws IOException {
        return new RabbitMqWriter(options, context.metricGroup(), context.getProcessingTimeService());
    }

    @Override
    public String toString() {
        return "RabbitMqSink" + options;
    }
}
