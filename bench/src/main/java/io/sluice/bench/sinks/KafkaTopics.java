package io.sluice.bench.sinks;

import io.sluice.testkit.KafkaServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Kafka side of the sinks scenario: topics, what they hold, and the broker's producer limit. */
final class KafkaTopics {
    /** The line kafka-producer-perf-test ends with: {@code 1000000 records sent, 312500.0 records/sec (...)}. */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    /** What kafka-producer-perf-test measured. */
    record ProducerLimit(long records, int recordSize, double recordsPerSecond) {}

    private KafkaTopics() {}

    private static Admin admin(KafkaServer kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** Deletes the topic if it exists and creates it again empty, with one partition. */
    static void recreate(KafkaServer kafka, String topic) {
        try (Admin admin = admin(kafka)) {
            try {
                admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            // the deletion finishes in the background: retry the creation until the name is free
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot recreate topic " + topic + ": " + e, e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaServer kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p);
    }

    /**
     * The messages a {@code read_committed} consumer reads from the topic's one partition: the
     * records up to the last stable offset, less the transaction markers and aborted records,
     * counted by reading them.
     */
    static long committedMessages(KafkaServer kafka, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to offset " + end + " in 5 minutes");
                }
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    /** The mean key plus value bytes of the topic's first {@code sample} records. */
    static int meanRecordSize(KafkaServer kafka, String topic, int sample) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long bytes = 0;
            int records = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (records < sample && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    bytes += (r.key() == null ? 0 : r.key().length) + r.value().length;
                    records++;
                }
            }
            if (records == 0) {
                throw new IllegalStateException(topic + " holds no record to measure");
            }
            return (int) (bytes / records);
        }
    }

    /**
     * Runs {@code kafka-producer-perf-test} ({@code ProducerPerformance}) in a JVM of its own with
     * the sink's producer settings (acks all, linger 5 ms, batch 16 KiB, no compression) and as
     * fast as it can.
     */
    static ProducerLimit producerPerfTest(KafkaServer kafka, String topic, long records, int recordSize, Path log) {
        List<String> command = kafka.toolCommand("org.apache.kafka.tools.ProducerPerformance", List.of(
                "--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all",
                "linger.ms=5", "batch.size=16384", "compression.type=none"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kafka-producer-perf-test did not end in 10 minutes; see " + log);
            }
            String output = Files.readString(log);
            Matcher m = SUMMARY.matcher(output);
            String last = null;
            while (m.find()) {
                last = m.group(2);
            }
            if (process.exitValue() != 0 || last == null) {
                throw new IllegalStateException("kafka-producer-perf-test failed (exit " + process.exitValue()
                        + "); see " + log);
            }
            return new ProducerLimit(records, recordSize, Double.parseDouble(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
