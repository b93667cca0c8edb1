package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Starts real RabbitMQ nodes and publishes and consumes through them with the AMQP client. */
class RabbitMqServerITCase {

    private static Connection connect(RabbitMqServer rabbit) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.username());
        factory.setPassword(rabbit.password());
        return factory.newConnection();
    }

    @Test
    void sharedNodeTakesAndGivesBackMessages() throws Exception {
        RabbitMqServer rabbit = RabbitMqServer.shared();
        try (Connection c = connect(rabbit); Channel channel = c.createChannel()) {
            channel.queueDeclare("testkit-shared", false, false, true, null);
            channel.basicPublish("", "testkit-shared", null, "héllo".getBytes(StandardCharsets.UTF_8));
            GetResponse got = null;
            for (int i = 0; i < 50 && got == null; i++) {
                got = channel.basicGet("testkit-shared", true);
                Thread.sleep(got == null ? 20 : 0);
            }
            assertThat(got).isNotNull();
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        }
        assertThat(RabbitMqServer.shared()).isSameAs(rabbit);
        assertThatThrownBy(rabbit::kill).hasMessageContaining("shared rabbitmq");
    }

    @Test
    void aKilledNodeRestartsOnItsPortWithItsDurableQueueAndPersistentMessages() throws Exception {
        try (RabbitMqServer rabbit = RabbitMqServer.builder().start()) {
            int port = rabbit.port();
            try (Connection c = connect(rabbit); Channel channel = c.createChannel()) {
                channel.confirmSelect();
                channel.queueDeclare("kept", true, false, false, null);
                AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_BASIC;
                channel.basicPublish("", "kept", persistent, "before".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }
            rabbit.kill();
            assertThatThrownBy(() -> new Socket(rabbit.host(), port).close()).isInstanceOf(ConnectException.class);
            rabbit.start();
            assertThat(rabbit.port()).isEqualTo(port);
            try (Connection c = connect(rabbit); Channel channel = c.createChannel()) {
                GetResponse got = channel.basicGet("kept", true);
                assertThat(got).isNotNull();
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("before");
            }
        }
    }
}
