package io.sluice.sinks.redis;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.ColumnSelection;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link RedisSink}. Setters check their own value; {@link #build()} checks the rules
 * between them. Each setter is named after the job file key it mirrors.
 *
 * <pre>{@code
 * RedisSink sink = RedisSink.builder()
 *         .name("users-cache")
 *         .host("127.0.0.1").port(6379)
 *         .key("user:{id}")
 *         .format(RedisFormat.HASH)
 *         .errorPolicy(ErrorPolicy.LOG)
 *         .build();
 * events.keyBy(new RowKeySelector(), Types.STRING).sinkTo(sink).name("users-cache").uid("users-cache");
 * }</pre>
 */
@PublicEvolving
public final class RedisSinkBuilder {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_BATCH_SIZE = 2000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private String name = "redis";
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private final List<RedisNode> cluster = new ArrayList<>();
    private String username;
    private String password;
    private int database;
    private boolean tls;
    private String tlsTruststore;
    private String tlsTruststorePassword;
    private Template key;
    private RedisFormat format = RedisFormat.HASH;
    private String valueColumn;
    private Duration ttl;
    private ColumnSelection columns = ColumnSelection.ALL;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
    private TruncatePolicy truncate = TruncatePolicy.FAIL;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private RetryOptions retry = RetryOptions.DEFAULT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean hostSet;

    RedisSinkBuilder() {}

    /** The sink's name in logs, metrics and dead letters. */
    public RedisSinkBuilder name(String value) {
        this.name = requireText(value, "name");
        return this;
    }

    /** {@code host}: one Redis server (default {@value #DEFAULT_HOST}). */
    public RedisSinkBuilder host(String value) {
        this.host = requireText(value, "host");
        hostSet = true;
        return this;
    }

    /** {@code port} (default {@value #DEFAULT_PORT}). */
    public RedisSinkBuilder port(int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + value);
        }
        this.port = value;
        hostSet = true;
        return this;
    }

    /** {@code cluster}: a Redis Cluster node; add one or more instead of host and port. */
    public RedisSinkBuilder clusterNode(String nodeHost, int nodePort) {
        cluster.add(new RedisNode(nodeHost, nodePort));
        return this;
    }

    /** {@code cluster}: all nodes at once. */
    public RedisSinkBuilder cluster(List<RedisNode> nodes) {
        cluster.clear();
        cluster.addAll(nodes);
        return this;
    }

    /** {@code username}: the ACL user (Redis 6+). */
    public RedisSinkBuilder username(String value) {
        this.username = requireText(value, "username");
        return this;
    }

    /** {@code password}. */
    public RedisSinkBuilder password(String value) {
        this.password = Objects.requireNonNull(value, "password");
        return this;
    }

    /** {@code database}: the database number of a single server (default 0). */
    public RedisSinkBuilder database(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("database must be >= 0, got " + value);
        }
        this.database = value;
        return this;
    }

    /**
     * {@code tls}: connect with TLS, verifying the server's certificate and host name against
     * {@link #tlsTruststore} or, without one, the JVM's default trust store.
     */
    public RedisSinkBuilder tls(boolean value) {
        this.tls = value;
        return this;
    }

    /**
     * {@code tls-truststore}: a trust store file (PKCS12 or JKS) holding the CA certificate that
     * signed the Redis server's certificate; read on the task manager when the writer opens.
     */
    public RedisSinkBuilder tlsTruststore(String path) {
        this.tlsTruststore = requireText(path, "tls-truststore");
        return this;
    }

    /** {@code tls-truststore-password}: the trust store's password, if it has one. */
    public RedisSinkBuilder tlsTruststorePassword(String value) {
        this.tlsTruststorePassword = Objects.requireNonNull(value, "tls-truststore-password");
        return this;
    }

    /** {@code key}: the key template, e.g. {@code user:{id}} or {@code {db}:{table}:{id}}. */
    public RedisSinkBuilder key(String template) {
        this.key = Template.parse(template);
        return this;
    }

    /** {@code format}: hash (default), json or value. */
    public RedisSinkBuilder format(RedisFormat value) {
        this.format = Objects.requireNonNull(value, "format");
        return this;
    }

    /** {@code value-column}: the column stored by format value. */
    public RedisSinkBuilder valueColumn(String value) {
        this.valueColumn = requireText(value, "value-column");
        return this;
    }

    /** {@code ttl}: every written key expires after this (millisecond precision). */
    public RedisSinkBuilder ttl(Duration value) {
        if (value == null || value.toMillis() <= 0) {
            throw new IllegalArgumentException("ttl must be at least 1ms, got " + value);
        }
        this.ttl = value;
        return this;
    }

    /** {@code columns}: which columns are stored (hash and json formats). */
    public RedisSinkBuilder columns(ColumnSelection value) {
        Objects.requireNonNull(value, "columns");
        if (value.mode() != ColumnSelection.Mode.ALL && value.columns().isEmpty()) {
            throw new IllegalArgumentException(
                    "no columns given to " + value.mode().name().toLowerCase(java.util.Locale.ROOT));
        }
        this.columns = value;
        return this;
    }

    /** {@code error-policy}: fail (default), log, or a dead-letter file. */
    public RedisSinkBuilder errorPolicy(ErrorPolicy value) {
        this.errorPolicy = Objects.requireNonNull(value, "error-policy");
        return this;
    }

    /** What the sink does when a table it reads is truncated or dropped (default {@code FAIL}). */
    public RedisSinkBuilder truncate(TruncatePolicy value) {
        this.truncate = Objects.requireNonNull(value, "truncate");
        return this;
    }

    /** Commands per pipeline before it is sent (default {@value #DEFAULT_BATCH_SIZE}). */
    public RedisSinkBuilder batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** The longest a buffered change waits before it is sent (default 200 ms); checkpoints flush too. */
    public RedisSinkBuilder flushInterval(Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException("flush interval must be at least 1ms, got " + value);
        }
        this.flushInterval = value;
        return this;
    }

    /** Retries of a failed pipeline (default {@link RetryOptions#DEFAULT}). */
    public RedisSinkBuilder retry(RetryOptions value) {
        this.retry = Objects.requireNonNull(value, "retry");
        return this;
    }

    /** Connect and socket timeout (default 5 s). */
    public RedisSinkBuilder timeout(Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1ms, got " + value);
        }
        this.timeout = value;
        return this;
    }

    /** Checks the settings together and builds the sink. */
    public RedisSink build() {
        return new RedisSink(options());
    }

    RedisSinkOptions options() {
        if (key == null) {
            throw new IllegalArgumentException(name + ": key is required, e.g. user:{id}");
        }
        if (!cluster.isEmpty() && (hostSet || database != 0)) {
            throw new IllegalArgumentException(
                    name + ": use either host/port/database (one Redis server) or cluster nodes, not both");
        }
        if (format == RedisFormat.VALUE && valueColumn == null) {
            throw new IllegalArgumentException(name + ": format value needs value-column");
        }
        if (format != RedisFormat.VALUE && valueColumn != null) {
            throw new IllegalArgumentException(
                    name + ": value-column is only used with format value; remove it or set format value");
        }
        if (format == RedisFormat.VALUE && columns.mode() != ColumnSelection.Mode.ALL) {
            throw new IllegalArgumentException(name + ": columns does not apply to format value (it stores value-column)");
        }
        if (tlsTruststore != null && !tls) {
            throw new IllegalArgumentException(name + ": tls-truststore is only used with tls: true; set tls: true or remove it");
        }
        if (tlsTruststorePassword != null && tlsTruststore == null) {
            throw new IllegalArgumentException(name + ": tls-truststore-password needs tls-truststore");
        }
        if (errorPolicy instanceof ErrorPolicy.DeadLetter d && d.target() != ErrorPolicy.DeadLetter.Target.PATH) {
            throw new IllegalArgumentException(
                    name + ": a dead-letter index is only available to elasticsearch sinks; use {dead-letter: {path: FILE}}");
        }
        return new RedisSinkOptions(name, host, port, cluster, username, password, database, tls, tlsTruststore,
                tlsTruststorePassword, key, format, valueColumn, ttl, columns, errorPolicy, truncate, batchSize, flushInterval,
                retry, timeout);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
