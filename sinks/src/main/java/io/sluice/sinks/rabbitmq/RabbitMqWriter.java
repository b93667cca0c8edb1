package io.sluice.sinks.rabbitmq;

import io.sluice.core.failure.FailureKind;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.core.template.Template;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.BatchingWriter;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;
import io.sluice.sinks.messages.MessageEncoder;
import io.sluice.sinks.messages.MessageKeys;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Buffers the messages of incoming row changes and publishes them on one confirm-mode channel
 * when the buffer is full, when the flush interval has passed, and on every checkpoint; a batch
 * counts as sent once the broker confirmed every message of it. A batch that fails (lost
 * connection, negative or missing confirms) is published again whole on a new channel, so a
 * consumer may see some messages twice but each row's last message last. A message no queue takes
 * ({@code mandatory}) and a message for an exchange that does not exist go to the error policy.
 */
final class RabbitMqWriter extends BatchingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqWriter.class);
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RabbitMqSinkOptions options;
    /** Null for the default exchange. */
    private final Template exchange;
    private final Template routingKey;
    private final MessageEncoder encoder;
    private final ConnectionFactory factory;
    private final List<Message> buffer = new ArrayList<>();
    private final Map<TableSchema, int[]> keyColumns = new HashMap<>();
    private final Map<String, Long> missingExchanges = new HashMap<>();
    private final Map<String, Boolean> knownExchanges = new HashMap<>();
    private final Map<String, String> returned = new ConcurrentHashMap<>();
    private Connection connection;
    private Channel channel;
    private long batches;

    RabbitMqWriter(RabbitMqSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers)
            throws IOException {
        this(options, metricGroup, timers, SinkMetrics.register(metricGroup));
    }

    private RabbitMqWriter(RabbitMqSinkOptions options, SinkWriterMetricGroup metricGroup,
            ProcessingTimeService timers, SinkMetrics metrics) throws IOException {
        super(options.name(), metrics, RejectionHandler.create(options.name(), options.errorPolicy(), metrics),
                new Retrier(options.name(), options.retry(), RabbitMqFailures::classify, metrics), timers,
                options.flushInterval(), options.truncate());
        this.options = options;
        // no template for the default exchange, whose name is empty
        this.exchange = options.exchange().isEmpty() ? null : Template.parse(options.exchange());
        this.routingKey = Template.parse(options.routingKey());
        this.encoder = MessageEncoder.of(options.format(), options.messages());
        this.factory = new ConnectionFactory();
        factory.setHost(options.host());
        factory.setPort(options.port());
        factory.setVirtualHost(options.virtualHost());
        factory.setUsername(options.username());
        factory.setPassword(options.password());
        factory.setAutomaticRecoveryEnabled(false); // the retrier reconnects and publishes the batch again
        factory.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, options.confirmTimeout().toMillis()));
        try {
            retrier.call(0, null, this::channel);
        } catch (IOException e) {
            throw explain(e);
        }
        metrics.pendingRecords(metricGroup, buffer::size);
        startTimer();
    }

    private IOException explain(IOException e) {
        String where = "RabbitMQ at " + options.host() + ":" + options.port() + ", virtual host '"
                + options.virtualHost() + "'";
        if (RabbitMqFailures.classify(e) == FailureKind.PERMANENT) {
            return new IOException(options.name() + ": " + where + " refused user '" + options.username()
                    + "': check username and password, and that the user may access the virtual host", e);
        }
        return new IOException(options.name() + ": cannot connect to " + where + ": " + e.getMessage(), e);
    }

    @Override
    protected void buffer(RowChange row, Context context) {
        String exchangeName = exchange == null ? "" : exchange.render(row.table(), row.schema(), row.current());
        String key = routingKey.render(row.table(), row.schema(), row.current());
        exchangeProblem(exchangeName).ifPresent(problem -> {
            throw new PermanentFailureException(problem);
        });
        int[] columns = keyColumns.computeIfAbsent(row.schema(), TableSchema::keyIndexes);
        byte[] messageKey = columns.length == 0 ? MessageKeys.of(row.table()) : MessageKeys.of(row, columns);
        buffer.add(new Message(row, exchangeName, key, new String(messageKey, StandardCharsets.UTF_8),
                encoder.row(row)));
    }

    @Override
    protected boolean isFull() {
        return buffer.size() >= options.batchSize();
    }

    @Override
    protected boolean isEmpty() {
        return buffer.isEmpty();
    }

    @Override
    protected void sendBuffer() throws IOException {
        long start = System.nanoTime();
        List<RejectedRecord> refused = retrier.call(buffer.size(), null, () -> publish(buffer));
        int records = buffer.size();
        buffer.clear();
        batchDone(records, (System.nanoTime() - start) / 1_000_000, refused);
    }

    /** Publishes a batch and waits for its confirms; returns the messages no queue took. */
    private List<RejectedRecord> publish(List<Message> batch) throws IOException, TimeoutException,
            InterruptedException {
        Channel ch = channel();
        String prefix = "b" + (++batches) + "-";
        returned.clear();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .deliveryMode(options.persistent() ? 2 : 1)
                        .messageId(prefix + i)
                        .headers(Map.of("sluice-key", m.key()))
                        .build();
                ch.basicPublish(m.exchange(), m.routingKey(), options.mandatory(), properties, m.value());
            }
            ch.waitForConfirmsOrDie(options.confirmTimeout().toMillis());
        } catch (IOException | TimeoutException | RuntimeException e) {
            closeConnection();
            throw e;
        }
        List<RejectedRecord> refused = new ArrayList<>(0);
        for (int i = 0; i < batch.size(); i++) {
            String reply = returned.get(prefix + i);
            if (reply != null) {
                Message m = batch.get(i);
                refused.add(new RejectedRecord(m.row(), "no queue took the message: exchange '" + m.exchange()
                        + "' routes routing key '" + m.routingKey() + "' nowhere (" + reply + "); bind a queue for it,"
                        + " or set mandatory: false to let RabbitMQ drop such messages", null));
            }
        }
        return refused;
    }

    /** The open confirm-mode channel, opened (with its connection) when there is none. */
    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeConnection();
        connection = factory.newConnection(options.name());
        channel = connection.createChannel();
        channel.confirmSelect();
        channel.addReturnListener(r -> returned.put(String.valueOf(r.getProperties().getMessageId()),
                r.getReplyCode() + " " + r.getReplyText()));
        return channel;
    }

    /**
     * Empty when the exchange exists (the default exchange always does); otherwise what to do. An
     * exchange found missing is asked about again after a while.
     */
    private Optional<String> exchangeProblem(String name) {
        if (name.isEmpty() || knownExchanges.containsKey(name)) {
            return Optional.empty();
        }
        Long since = missingExchanges.get(name);
        String problem = "exchange '" + name + "' does not exist in virtual host '" + options.virtualHost()
                + "'; declare it (durable), or change the sink's exchange";
        if (since != null && System.nanoTime() - since < RECHECK_NANOS) {
            return Optional.of(problem);
        }
        Channel check = null;
        try {
            channel();
            check = connection.createChannel();
            check.exchangeDeclarePassive(name);
            knownExchanges.put(name, true);
            missingExchanges.remove(name);
            return Optional.empty();
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException s && !s.isHardError()
                    && String.valueOf(s.getMessage()).contains("NOT_FOUND")) {
                missingExchanges.put(name, System.nanoTime());
                return Optional.of(problem);
            }
            // not reachable now: publishing will retry, and fail there if it must
            return Optional.empty();
        } catch (TimeoutException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (check != null && check.isOpen()) {
                try {
                    check.close();
                } catch (IOException | TimeoutException | RuntimeException e) {
                    LOG.debug("{}: closing the exchange check's channel: {}", options.name(), e.toString());
                }
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.abort(1_000);
            } catch (RuntimeException e) {
                LOG.debug("{}: closing a broken connection: {}", options.name(), e.toString());
            }
        }
        connection = null;
        channel = null;
    }

    @Override
    protected void closeTarget() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: closing the connection: {}", options.name(), e.toString());
            }
        }
    }

    private record Message(RowChange row, String exchange, String routingKey, String key, byte[] value) {}
}
