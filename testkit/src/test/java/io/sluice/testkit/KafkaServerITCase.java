package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Starts real KRaft brokers and produces and consumes through them with the Kafka client. */
class KafkaServerITCase {

    @Test
    void sharedBrokerTakesAndGivesBackRecords() throws Exception {
        KafkaServer kafka = KafkaServer.shared();
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        produce(kafka, "testkit-shared", List.of("a", "b", "c"));
        assertThat(consume(kafka, "testkit-shared", 3)).containsExactly("a", "b", "c");
        assertThat(KafkaServer.shared()).isSameAs(kafka);
        assertThatThrownBy(kafka::kill).hasMessageContaining("shared kafka");
    }

    @Test
    void aKilledBrokerRestartsOnItsPortWithItsTopics() throws Exception {
        try (KafkaServer kafka = KafkaServer.builder().setting("auto.create.topics.enable", "false").start()) {
            int port = kafka.port();
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get();
            }
            produce(kafka, "kept", List.of("before"));
            kafka.kill();
            assertThat(kafka.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket(kafka.host(), port).close()).isInstanceOf(ConnectException.class);

            kafka.start();
            assertThat(kafka.port()).isEqualTo(port);
            produce(kafka, "kept", List.of("after"));
            assertThat(consume(kafka, "kept", 2)).containsExactlyInAnyOrder("before", "after");
            try (Admin admin = admin(kafka)) {
                assertThatThrownBy(() -> admin.describeTopics(List.of("never-made")).allTopicNames().get())
                        .isInstanceOf(ExecutionException.class).hasMessageContaining("UnknownTopicOrPartition");
            }
        }
    }

    private static Admin admin(KafkaServer kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void produce(KafkaServer kafka, String topic, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v, v)).get();
            }
        }
    }

    private static List<String> consume(KafkaServer kafka, String topic, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
