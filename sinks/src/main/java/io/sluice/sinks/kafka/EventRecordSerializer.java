package io.sluice.sinks.kafka;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.core.template.Template;
import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.SinkMetrics;
import io.sluice.sinks.messages.MessageEncoder;
import io.sluice.sinks.messages.MessageKeys;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Turns each change into one Kafka record: the topic from the template, the key (the row's key
 * columns as JSON), the value in the sink's format, and the partition when the sink partitions by
 * table. A schema change becomes a DDL message when the sink has a DDL topic; a TRUNCATE or DROP
 * without one follows the {@code truncate} policy. A record that cannot be sent (too large, a
 * topic that does not exist and will not be created, a template without a value) goes to the
 * error policy instead of failing the job later with a producer timeout.
 */
final class EventRecordSerializer implements KafkaRecordSerializationSchema<KafkaMessage> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventRecordSerializer.class);
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]+");

    private final KafkaSinkOptions options;
    private final Properties adminProperties;

    private transient Template topic;
    private transient Template ddlTopic;
    private transient MessageEncoder encoder;
    private transient SinkMetrics metrics;
    /** Opened at the first rejected record, closed with the writer. */
    private transient RejectionHandler rejections;
    private transient TopicCheck topics;
    private transient Map<TableSchema, int[]> keyColumns;

    EventRecordSerializer(KafkaSinkOptions options, Properties adminProperties) {
        this.options = options;
        this.adminProperties = adminProperties;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        topic = Template.parse(options.topic());
        ddlTopic = options.ddlTopic() == null ? null : Template.parse(options.ddlTopic());
        encoder = MessageEncoder.of(options.format(), options.messages());
        metrics = SinkMetrics.registerOwnOnly(context.getMetricGroup());
        topics = new TopicCheck(options.name(), adminProperties);
        keyColumns = new HashMap<>();
    }

    KafkaSinkOptions options() {
        return options;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KafkaMessage message, KafkaSinkContext context, Long timestamp) {
        try {
            Event event = message.event();
            if (event instanceof SchemaChange change) {
                return schemaChange(change);
            }
            RowChange row = (RowChange) event;
            String name;
            try {
                name = topic.render(row.table(), row.schema(), row.current(), EventRecordSerializer::topicValue);
            } catch (PermanentFailureException e) {
                // a tombstone follows its delete, which went to the error policy already
                return message.tombstone() ? null : reject(row, "no topic for the record: " + e.getMessage(), e);
            }
            byte[] key = key(row);
            if (message.tombstone()) {
                return topics.problem(name).isPresent() ? null
                        : new ProducerRecord<>(name, partition(row, name, context), (Long) null, key, (byte[]) null);
            }
            byte[] value = encoder.row(row);
            // the bound the producer checks against max.request.size before it sends
            int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                    CompressionType.NONE, key, value, Record.EMPTY_HEADERS);
            if (size > options.maxRequestBytes()) {
                return reject(row, "the record is " + size + " bytes, more than the producer's max.request.size ("
                        + options.maxRequestBytes() + "); raise max.request.size in properties (and the topic's "
                        + "max.message.bytes) or leave large columns out", null);
            }
            Optional<String> problem = topics.problem(name);
            if (problem.isPresent()) {
                return reject(row, problem.get(), null);
            }
            return new ProducerRecord<>(name, partition(row, name, context), null, key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partition of a row's record when the sink partitions by table; null: the producer's, by key. */
    private Integer partition(RowChange row, String topicName, KafkaSinkContext context) {
        if (options.partitionBy() != PartitionBy.TABLE) {
            return null;
        }
        int[] partitions = context.getPartitionsForTopic(topicName);
        byte[] table = row.table().toString().getBytes(StandardCharsets.UTF_8);
        return partitions[Utils.toPositive(Utils.murmur2(table)) % partitions.length];
    }

    /** Closes the dead-letter file, if a rejection opened it; the writer calls this as it closes. */
    void close() throws IOException {
        if (rejections != null) {
            rejections.close();
            rejections = null;
        }
    }

    private ProducerRecord<byte[], byte[]> schemaChange(SchemaChange change) throws IOException {
        if (ddlTopic != null) {
            String name;
            try {
                // a DDL topic names only {db} and {table}: a schema without columns renders them
                name = ddlTopic.render(change.table(), new TableSchema(change.table(), List.of(), List.of()),
                        new Object[0], EventRecordSerializer::topicValue);
            } catch (PermanentFailureException e) {
                return reject(change, "no DDL topic for the change: " + e.getMessage(), e);
            }
            return new ProducerRecord<>(name, null, null, MessageKeys.of(change.table()), encoder.ddl(change));
        }
        Optional<String> removal = TruncatePolicy.removal(change);
        if (removal.isEmpty()) {
            return null;
        }
        if (options.truncate() == TruncatePolicy.IGNORE) {
            LOG.warn("{}: {} was {} at {} ({}); truncate: ignore, so no message tells consumers", options.name(),
                    change.table(), removal.get(), TruncatePolicy.at(change), change.ddl());
            return null;
        }
        throw new SuppressRestartsException(new IllegalStateException(options.name() + ": " + change.table() + " was "
                + removal.get() + " at the source (" + change.ddl() + ", at " + TruncatePolicy.at(change)
                + "); consumers of the topic still hold its rows and no message tells them, so the job stops here. "
                + "Set ddl-topic on the sink to publish schema changes, or truncate: ignore to go on without telling "
                + "them, then start again from the last checkpoint"));
    }

    private ProducerRecord<byte[], byte[]> reject(Event event, String reason, Throwable cause) throws IOException {
        if (rejections == null) {
            rejections = RejectionHandler.create(options.name(), options.errorPolicy(), metrics);
        }
        rejections.reject(event, reason, cause);
        if (!(options.errorPolicy() instanceof ErrorPolicy.Log)) {
            rejections.flush();
        }
        return null;
    }

    private byte[] key(RowChange row) {
        int[] columns = keyColumns.computeIfAbsent(row.schema(), this::keyColumnsOf);
        return columns.length == 0 ? MessageKeys.of(row.table()) : MessageKeys.of(row, columns);
    }

    private int[] keyColumnsOf(TableSchema schema) {
        List<String> names = options.keyColumns();
        if (names.isEmpty()) {
            return schema.keyIndexes();
        }
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = schema.indexOf(names.get(i));
            if (indexes[i] < 0) {
                throw new SuppressRestartsException(new IllegalStateException(options.name() + ": key-columns names "
                        + names.get(i) + ", which " + schema.id() + " does not have; its columns are "
                        + schema.columnNames()));
            }
        }
        return indexes;
    }

    private static Optional<String> topicValue(String value) {
        return TOPIC_CHARACTERS.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' cannot be part of a topic name; expected letters, digits, '.', '_' and '-'");
    }
}
