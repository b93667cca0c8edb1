package io.sluice.sinks.redis;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.delete;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.string;
import static io.sluice.sinks.common.TestRows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.TestWriterContext;
import io.sluice.testkit.RedisServer;
import io.sluice.testkit.TlsFiles;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Redis sink against a real Redis 7 that wants credentials (an ACL user and
 * {@code requirepass}) and one that speaks only TLS, with certificates from a throwaway CA made
 * at test time: the right settings write, wrong ones are a clear error when the writer opens.
 */
class RedisSecurityITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final TableSchema USERS = TestRows.schema("shop", "users", List.of(bigint("id"), string("name")), "id");

    private static final List<Event> CHANGES = List.of(
            insert(USERS, 1L, "Ann"), insert(USERS, 2L, "Bob"), update(USERS, new Object[] {1L, "Ann"},
                    new Object[] {1L, "Ann B"}), delete(USERS, 2L, "Bob"));

    /** Redis with {@code requirepass} for the default user and an ACL user {@code sink}. */
    private static RedisServer secured;
    /** Redis that accepts only TLS. */
    private static RedisServer tls;

    @BeforeAll
    static void startServers() {
        secured = RedisServer.builder().password("default-secret")
                .extraArgs("--user", "sink", "on", ">sink-secret", "~*", "+@all")
                .start();
        tls = RedisServer.builder().tls().start();
    }

    @AfterAll
    static void stopServers() {
        if (secured != null) {
            secured.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private static RedisSinkBuilder sinkOn(RedisServer server, String keyTemplate) {
        return RedisSink.builder().name("redis-test").host(server.host()).port(server.port()).key(keyTemplate)
                .retry(new RetryOptions(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    private static RedisWriter open(RedisSinkBuilder sink) throws IOException {
        TestWriterContext context = new TestWriterContext();
        return new RedisWriter(sink.options(), context.metricGroup(), context);
    }

    @Test
    void anAclUserAndTheRequirepassPasswordBothWrite() throws Exception {
        TestJobs.run(CHANGES).restarts(0).execute(sinkOn(secured, "acl:{id}").username("sink").password("sink-secret").build());
        TestJobs.run(CHANGES).restarts(0).execute(sinkOn(secured, "pass:{id}").password("default-secret").build());
        try (Jedis jedis = new Jedis(secured.host(), secured.port())) {
            jedis.auth("sink", "sink-secret");
            assertThat(jedis.hgetAll("acl:1")).isEqualTo(Map.of("id", "1", "name", "Ann B"));
            assertThat(jedis.hgetAll("pass:1")).isEqualTo(Map.of("id", "1", "name", "Ann B"));
            assertThat(jedis.exists("acl:2", "pass:2")).isZero();
        }
    }

    @Test
    void wrongCredentialsAreAClearErrorWhenTheWriterOpens() {
        String where = "redis-test: Redis at 127.0.0.1:" + secured.port();
        assertThatThrownBy(() -> open(sinkOn(secured, "x:{id}").username("sink").password("not-it")))
                .isInstanceOf(IOException.class)
                .hasMessage(where + " refused to authenticate as user 'sink': WRONGPASS invalid username-password "
                        + "pair or user is disabled.; check username and password (an ACL user needs both; "
                        + "requirepass needs only password)");
        assertThatThrownBy(() -> open(sinkOn(secured, "x:{id}").password("not-it")))
                .hasMessageStartingWith(where + " refused to authenticate with the configured password: WRONGPASS");
        assertThatThrownBy(() -> open(sinkOn(secured, "x:{id}")))
                .hasMessageStartingWith(where + " refused to authenticate without a password: NOAUTH Authentication "
                        + "required.");
        // A whole job fails on it before writing anything.
        assertThatThrownBy(() -> TestJobs.run(CHANGES).restarts(0)
                .execute(sinkOn(secured, "job:{id}").username("sink").password("not-it").build()))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowableWithMessage(e,
                        "refused to authenticate as user 'sink'")).isPresent());
    }

    @Test
    void tlsWithTheCaInTheTruststoreWrites() throws Exception {
        TlsFiles files = tls.tls().orElseThrow();
        TestJobs.run(CHANGES).restarts(0).execute(sinkOn(tls, "tls:{id}").tls(true)
                .tlsTruststore(files.truststore().toString()).tlsTruststorePassword(TlsFiles.TRUSTSTORE_PASSWORD)
                .build());
        SslOptions ssl = SslOptions.builder()
                .truststore(files.truststore().toFile(), TlsFiles.TRUSTSTORE_PASSWORD.toCharArray())
                .trustStoreType("PKCS12").build();
        try (Jedis jedis = new Jedis(new HostAndPort(tls.host(), tls.port()),
                DefaultJedisClientConfig.builder().ssl(true).sslOptions(ssl).build())) {
            assertThat(jedis.hgetAll("tls:1")).isEqualTo(Map.of("id", "1", "name", "Ann B"));
            assertThat(jedis.exists("tls:2")).isFalse();
        }
    }

    @Test
    void aTruststoreWithoutTheCaIsAClearErrorWhenTheWriterOpens(@TempDir Path dir) throws IOException {
        String where = "redis-test: the TLS handshake with Redis at 127.0.0.1:" + tls.port() + " failed: ";
        Path jdkCacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        assertThatThrownBy(() -> open(sinkOn(tls, "x:{id}").tls(true).tlsTruststore(jdkCacerts.toString())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(where + "PKIX path building failed")
                .hasMessageEndingWith("; tls-truststore " + jdkCacerts + " must hold the CA that signed the server's "
                        + "certificate, and the certificate must name the host you connect to");
        assertThatThrownBy(() -> open(sinkOn(tls, "x:{id}").tls(true)))
                .hasMessageStartingWith(where + "PKIX path building failed")
                .hasMessageContaining("; the JVM's default trust store must hold the CA");

        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> open(sinkOn(tls, "x:{id}").tls(true).tlsTruststore(missing.toString())))
                .hasMessage("redis-test: tls-truststore " + missing + " does not exist or is not readable; expected a "
                        + "PKCS12 or JKS trust store holding the CA that signed the Redis server's certificate");
        Path pem = tls.tls().orElseThrow().caCertificate();
        Path copy = Files.copy(pem, dir.resolve("ca.p12"));
        assertThatThrownBy(() -> open(sinkOn(tls, "x:{id}").tls(true).tlsTruststore(copy.toString())))
                .hasMessageStartingWith("redis-test: cannot read tls-truststore " + copy + ": ")
                .hasMessageEndingWith("; expected a PKCS12 or JKS trust store (check tls-truststore-password)");
    }
}
