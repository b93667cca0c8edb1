package io.sluice.sinks.redis;

import io.sluice.core.failure.FailureKind;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import org.apache.flink.annotation.VisibleForTesting;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens the Jedis client for a sink: {@link JedisPooled} for one server, {@link JedisCluster}
 * for a cluster. Both are a {@link UnifiedJedis} whose {@code pipelined()} the writer uses, so
 * cluster support needs no second code path (the cluster pipeline sends each key to its node).
 *
 * <p>{@link #connect} also checks that Redis answers (a cluster client reads the slot map from a
 * node when it opens), so that wrong credentials or a trust store that does not verify the server
 * are a clear error when the writer opens, not at the first write.
 */
final class RedisClients {
    private static final int CLUSTER_MAX_ATTEMPTS = 5;

    private RedisClients() {}

    /**
     * Opens the client and sends a PING, retrying while Redis is unreachable (as writes are
     * retried); refused credentials and a server certificate the trust store does not verify are
     * not retried.
     *
     * @throws IOException naming the cause when Redis refuses the credentials, the TLS handshake
     *     fails, the trust store cannot be read, or Redis stays unreachable
     */
    static UnifiedJedis connect(RedisSinkOptions options, String clientName, SinkMetrics metrics)
            throws IOException {
        DefaultJedisClientConfig.Builder config = config(options);
        Retrier retrier = new Retrier(options.name(), options.retry(),
                t -> configurationError(t) != null ? FailureKind.PERMANENT : RedisFailures.classify(t), metrics);
        try {
            return retrier.call(0, null, () -> reconnect(options, config, clientName));
        } catch (IOException | RuntimeException e) {
            throw explain(options, e);
        }
    }

    /**
     * Opens the client once and checks that Redis answers, without retrying.
     *
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached
     */
    static UnifiedJedis reconnect(RedisSinkOptions options, DefaultJedisClientConfig.Builder config,
            String clientName) {
        UnifiedJedis client = open(options, config.clientName(clientName));
        try {
            // A cluster client has already read the slots from a node; PING would go to every node.
            if (!options.isCluster()) {
                client.ping();
            }
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The nodes a client writes to: the server, or every node of the cluster's slot map. */
    static List<HostAndPort> nodes(RedisSinkOptions options, UnifiedJedis client) {
        if (client instanceof JedisCluster cluster) {
            List<HostAndPort> nodes = new ArrayList<>();
            cluster.getClusterNodes().keySet().forEach(node -> nodes.add(HostAndPort.from(node)));
            return nodes;
        }
        return List.of(new HostAndPort(options.host(), options.port()));
    }

    private static UnifiedJedis open(RedisSinkOptions options, DefaultJedisClientConfig.Builder config) {
        if (options.isCluster()) {
            Set<HostAndPort> nodes = new LinkedHashSet<>();
            options.cluster().forEach(n -> nodes.add(new HostAndPort(n.host(), n.port())));
            return new JedisCluster(nodes, config.build(), CLUSTER_MAX_ATTEMPTS);
        }
        return new JedisPooled(new HostAndPort(options.host(), options.port()), config.database(options.database()).build());
    }

    @VisibleForTesting
    static DefaultJedisClientConfig.Builder config(RedisSinkOptions options) throws IOException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .ssl(options.tls());
        if (options.tlsTruststore() != null) {
            config.sslOptions(sslOptions(options));
        } else if (options.tls()) {
            // without options Jedis checks the chain against the JVM's trust store but not the host name
            config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        if (options.username() != null) {
            config.user(options.username());
        }
        if (options.password() != null) {
            config.password(options.password());
        }
        return config;
    }

    /** Verifies the server's certificate chain and host name against the configured trust store. */
    private static SslOptions sslOptions(RedisSinkOptions options) throws IOException {
        File file = new File(options.tlsTruststore());
        char[] password = options.tlsTruststorePassword() == null ? null : options.tlsTruststorePassword().toCharArray();
        if (!file.isFile() || !file.canRead()) {
            throw new IOException(options.name() + ": tls-truststore " + file + " does not exist or is not readable;"
                    + " expected a PKCS12 or JKS trust store holding the CA that signed the Redis server's certificate");
        }
        String type;
        try {
            type = KeyStore.getInstance(file, password).getType();
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(options.name() + ": cannot read tls-truststore " + file + ": " + e.getMessage()
                    + "; expected a PKCS12 or JKS trust store (check tls-truststore-password)", e);
        }
        return SslOptions.builder()
                .truststore(file, password)
                .trustStoreType(type)
                .sslVerifyMode(SslVerifyMode.FULL)
                .build();
    }

    /** The refused authentication or failed TLS handshake behind a failure, or null. */
    private static Throwable configurationError(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                Throwable found = configurationError(suppressed);
                if (found != null) {
                    return found;
                }
            }
            if (t instanceof JedisDataException e && e.getMessage() != null
                    && (e.getMessage().startsWith("WRONGPASS") || e.getMessage().startsWith("NOAUTH")
                            || e.getMessage().startsWith("NOPERM"))) {
                return t;
            }
            if (t instanceof SSLHandshakeException) {
                return t;
            }
        }
        return null;
    }

    /** Turns a failure to connect into a message that says what was wrong and what to check. */
    private static IOException explain(RedisSinkOptions options, Exception failure) {
        String where = "Redis at " + (options.isCluster() ? "cluster " + options.cluster() : options.host() + ":" + options.port());
        Throwable t = configurationError(failure);
        if (t != null) {
            if (t instanceof JedisDataException e) {
                String who = options.username() == null
                        ? (options.password() == null ? "without a password" : "with the configured password")
                        : "as user '" + options.username() + "'";
                return new IOException(options.name() + ": " + where + " refused to authenticate " + who + ": "
                        + e.getMessage() + "; check username and password (an ACL user needs both; "
                        + "requirepass needs only password)", failure);
            }
            if (t instanceof SSLException e) {
                String trust = options.tlsTruststore() == null ? "the JVM's default trust store"
                        : "tls-truststore " + options.tlsTruststore();
                return new IOException(options.name() + ": the TLS handshake with " + where + " failed: "
                        + e.getMessage() + "; " + trust + " must hold the CA that signed the server's certificate, "
                        + "and the certificate must name the host you connect to", failure);
            }
        }
        if (failure instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(options.name())) {
            return io;
        }
        return new IOException(options.name() + ": cannot connect to " + where + ": " + failure, failure);
    }
}
