package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import io.sluice.event.ColumnSelection;
import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code redis} sink: each row is stored under the key made from the {@code key} template
 * ({@code user:{id}}), as a hash, a JSON string or one column's value, optionally expiring after
 * {@code ttl}. With {@code cluster} nodes the sink talks to a Redis Cluster and {@code host},
 * {@code port} and {@code database} are not used. With {@code tls}, the server is verified
 * against {@code tls-truststore} (a PKCS12 or JKS file holding its CA), or the JVM's trust store.
 */
@PublicEvolving
public record RedisSinkConfig(
        Optional<String> name,
        String from,
        String host,
        int port,
        List<HostPort> cluster,
        Optional<String> username,
        Optional<Secret> password,
        int database,
        boolean tls,
        Optional<String> tlsTruststore,
        Optional<Secret> tlsTruststorePassword,
        Expr key,
        RedisFormat format,
        Optional<String> valueColumn,
        Optional<Duration> ttl,
        ColumnSelection columns,
        ErrorPolicy errorPolicy)
        implements SinkConfig {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6379;

    public RedisSinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(host, "host");
        cluster = List.copyOf(cluster);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tlsTruststore, "tlsTruststore");
        Objects.requireNonNull(tlsTruststorePassword, "tlsTruststorePassword");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(valueColumn, "valueColumn");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
    }

    @Override
    public SinkType type() {
        return SinkType.REDIS;
    }
}
