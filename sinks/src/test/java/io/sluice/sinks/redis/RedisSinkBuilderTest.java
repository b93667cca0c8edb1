package io.sluice.sinks.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The builder's checks of the TLS settings together. */
class RedisSinkBuilderTest {

    private static RedisSinkBuilder sink() {
        return RedisSink.builder().name("cache").key("user:{id}");
    }

    @Test
    void aTruststoreNeedsTls() {
        assertThatThrownBy(() -> sink().tlsTruststore("/etc/redis/trust.p12").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache: tls-truststore is only used with tls: true; set tls: true or remove it");
        assertThatThrownBy(() -> sink().tls(true).tlsTruststorePassword("secret").build())
                .hasMessage("cache: tls-truststore-password needs tls-truststore");
        assertThatThrownBy(() -> sink().tlsTruststore(" "))
                .hasMessage("tls-truststore must not be empty");
    }

    @Test
    void theTruststorePasswordIsNeverPrinted() {
        RedisSinkOptions options = sink().tls(true).tlsTruststore("/etc/redis/trust.p12")
                .tlsTruststorePassword("hunter2").password("pw-secret").options();
        assertThat(options.tlsTruststore()).isEqualTo("/etc/redis/trust.p12");
        assertThat(options.toString()).contains("tls=true, tlsTruststore=/etc/redis/trust.p12")
                .doesNotContain("hunter2", "pw-secret");
    }

    /** tls: true without a trust store checks the chain against the JVM's trust store and the host name too. */
    @Test
    void tlsWithoutATruststoreStillVerifiesTheHostName() throws Exception {
        RedisSinkOptions options = RedisSink.builder().key("u:{id}").tls(true).options();
        redis.clients.jedis.SslOptions ssl = RedisClients.config(options).build().getSslOptions();
        ssl.createSslContext(); // Jedis applies the verify mode to the parameters here, as it connects
        assertThat(ssl.getSslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }
}
