package io.sluice.sinks.kafka;

import io.sluice.testkit.KafkaServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/** Reads topics from the beginning to their end, as a consumer that starts after the job ended. */
final class KafkaTopics {
    private KafkaTopics() {}

    /** The topics whose names start with {@code prefix}. */
    static List<String> withPrefix(KafkaServer kafka, String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return new ArrayList<>(new TreeSet<>(admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(prefix)).toList()));
        }
    }

    /**
     * Every record of the topics, partition after partition (each partition in its order), up to
     * the end the consumer sees; {@code readCommitted} reads as a {@code read_committed} consumer.
     */
    static List<ConsumerRecord<byte[], byte[]>> read(KafkaServer kafka, List<String> topics, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (consumer.position(partition) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("could not read " + partition + " to offset " + end + " in 60 s");
                    }
                    consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                }
            }
        }
        return out;
    }
}
