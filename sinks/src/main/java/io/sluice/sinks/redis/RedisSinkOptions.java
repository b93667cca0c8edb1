package io.sluice.sinks.redis;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.ColumnSelection;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated settings of a {@link RedisSink}, built by {@link RedisSinkBuilder}. The first
 * fields mirror the job file's redis sink keys one to one; {@code batchSize},
 * {@code flushInterval}, {@code retry} and {@code timeout} are tuning with defaults.
 *
 * @param name the sink's name in logs, metrics and dead letters
 * @param cluster Redis Cluster nodes; when not empty, host, port and database are not used
 * @param username ACL user, or null
 * @param password password, or null; never printed
 * @param tlsTruststore with {@code tls}: the trust store file (PKCS12 or JKS) that verifies the
 *     server, or null for the JVM's default trust store
 * @param tlsTruststorePassword the trust store's password, or null; never printed
 * @param valueColumn the column stored by {@link RedisFormat#VALUE}, else null
 * @param ttl expiry set on every write, or null for none
 */
@PublicEvolving
public record RedisSinkOptions(
        String name,
        String host,
        int port,
        List<RedisNode> cluster,
        String username,
        String password,
        int database,
        boolean tls,
        String tlsTruststore,
        String tlsTruststorePassword,
        Template key,
        RedisFormat format,
        String valueColumn,
        Duration ttl,
        ColumnSelection columns,
        ErrorPolicy errorPolicy,
        TruncatePolicy truncate,
        int batchSize,
        Duration flushInterval,
        RetryOptions retry,
        Duration timeout)
        implements Serializable {

    public RedisSinkOptions {
        cluster = List.copyOf(cluster);
    }

    public boolean isCluster() {
        return !cluster.isEmpty();
    }

    public Optional<Duration> ttlOption() {
        return Optional.ofNullable(ttl);
    }

    @Override
    public String toString() {
        return "RedisSinkOptions[name=" + name + ", " + (isCluster() ? "cluster=" + cluster : host + ":" + port + "/" + database)
                + ", username=" + username + ", password=" + (password == null ? "none" : "******") + ", tls=" + tls
                + (tlsTruststore == null ? "" : ", tlsTruststore=" + tlsTruststore)
                + ", key=" + key + ", format=" + format + ", valueColumn=" + valueColumn + ", ttl=" + ttl
                + ", columns=" + columns + ", errorPolicy=" + errorPolicy + ", truncate=" + truncate + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", retry=" + retry + ", timeout=" + timeout + "]";
    }
}
