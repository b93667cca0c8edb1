package io.sluice.sinks.kafka;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.messages.MessageFormat;
import io.sluice.sinks.messages.MessageOptions;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;

/**
 * What a Kafka sink's records are made from (the producer's own settings travel in its properties).
 *
 * @param name the sink's name in logs, metrics and dead letters
 * @param topic the topic template
 * @param ddlTopic the template of the topic for schema changes, or null: none are published
 * @param format the value format
 * @param messages what the format is told besides
 * @param keyColumns the columns of the message key; empty: the table's key
 * @param partitionBy how a record picks its partition
 * @param maxRequestBytes the producer's {@code max.request.size}: larger records are rejected
 * @param errorPolicy what happens to a record that cannot be sent
 * @param truncate what a TRUNCATE or DROP TABLE does when no DDL topic tells consumers
 */
@Internal
public record KafkaSinkOptions(
        String name,
        String topic,
        String ddlTopic,
        MessageFormat format,
        MessageOptions messages,
        List<String> keyColumns,
        PartitionBy partitionBy,
        long maxRequestBytes,
        ErrorPolicy errorPolicy,
        TruncatePolicy truncate)
        implements Serializable {

    public KafkaSinkOptions {
        keyColumns = List.copyOf(keyColumns);
    }
}
