package io.sluice.sinks.redis;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.ColumnSelection;
import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code type: redis}: the keys of a redis sink, and the {@link RedisSink} built from them. */
@Internal
public final class RedisSinkFactory implements SinkFactory {

    public static final ConfigOption<String> HOST = ConfigOption.string("host")
            .withDefault(RedisSinkBuilder.DEFAULT_HOST).accepting("a host name or IP address")
            .withDoc("One Redis server.");
    public static final ConfigOption<Integer> PORT = ConfigOption.integer("port", 1, 65535)
            .withDefault(RedisSinkBuilder.DEFAULT_PORT).withDoc("The server's port.");
    public static final ConfigOption<List<String>> CLUSTER = ConfigOption.stringList("cluster", "a host:port")
            .withDoc("Redis Cluster nodes, instead of host, port and database.");
    public static final ConfigOption<String> USERNAME = ConfigOption.string("username")
            .accepting("a Redis ACL user name").withDoc("The ACL user (Redis 6+). Besides the commands it writes with, it needs `client|list` and `client|kill` (to close its own connections before a retry), else the sink warns once and cannot fence a late pipeline.");
    public static final ConfigOption<Secret> PASSWORD = ConfigOption.secret("password").withDoc("The password.");
    public static final ConfigOption<Integer> DATABASE = ConfigOption.integer("database", 0, Integer.MAX_VALUE)
            .withDefault(0).withDoc("The database number of a single server.");
    public static final ConfigOption<Boolean> TLS = ConfigOption.bool("tls").withDefault(false)
            .withDoc("Connect with TLS, verifying the certificate and host name.");
    public static final ConfigOption<String> TLS_TRUSTSTORE = ConfigOption.string("tls-truststore").nonEmpty()
            .accepting("the path of a PKCS12 or JKS trust store")
            .withDoc("A PKCS12 or JKS trust store holding the server's CA (needs tls: true); default: the JVM's.");
    public static final ConfigOption<Secret> TLS_TRUSTSTORE_PASSWORD = ConfigOption.secret("tls-truststore-password")
            .withDoc("The trust store's password.");
    public static final ConfigOption<String> KEY = ConfigOption.template("key", "user:{id}").required()
            .withDoc("The key each row is stored under.");
    public static final ConfigOption<RedisFormat> FORMAT = ConfigOption.choice("format", RedisFormat.class, "redis format")
            .withDefault(RedisFormat.HASH).withDoc("A hash per row, the row as JSON, or one column's value.");
    public static final ConfigOption<String> VALUE_COLUMN = ConfigOption.string("value-column")
            .accepting("a column name").withDoc("The column stored by format value (needed by it, not allowed with the others).");
    public static final ConfigOption<Duration> TTL = ConfigOption.duration("ttl")
            .withDoc("Every written key expires after this, renewed on every write.");
    public static final ConfigOption<ColumnSelection> COLUMNS = ConfigOption.columns("columns")
            .withDoc("Which columns are stored (formats hash and json).");

    public static final ConfigOption<TruncatePolicy> TRUNCATE = TruncatePolicy.option(null);

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public String description() {
        return "Keys in Redis (hash, JSON string or single value).";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(HOST, PORT, CLUSTER, USERNAME, PASSWORD, DATABASE, TLS, TLS_TRUSTSTORE,
                TLS_TRUSTSTORE_PASSWORD, KEY, FORMAT, VALUE_COLUMN, TTL, COLUMNS, TRUNCATE);
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        TruncatePolicy.refuseDelete(options, errors, TRUNCATE, "a key template does not tell which keys a table wrote");
        if (options.has(CLUSTER)) {
            if (options.has(HOST) || options.has(PORT) || options.has(DATABASE)) {
                errors.error(CLUSTER, "use either host/port/database (one Redis server) or cluster (Redis Cluster "
                        + "nodes), not both");
            }
            List<String> nodes = options.get(CLUSTER);
            for (String node : nodes) {
                if (RedisNode.parse(node).isEmpty()) {
                    errors.error(CLUSTER, "invalid cluster node '" + node + "'; expected host:port, e.g. 10.0.0.1:7000");
                }
            }
            if (nodes.isEmpty()) {
                errors.error(CLUSTER, "no cluster nodes given; expected a list of host:port");
            }
        }
        RedisFormat format = options.get(FORMAT);
        if (format == RedisFormat.VALUE && !options.has(VALUE_COLUMN)) {
            errors.missing(VALUE_COLUMN, "the column whose value is stored (needed by format: value)");
        } else if (format != RedisFormat.VALUE && options.has(VALUE_COLUMN)) {
            errors.error(VALUE_COLUMN, "value-column is only used with format: value; remove it or set format: value");
        }
        if (options.getOptional(TLS_TRUSTSTORE).isPresent() && !options.get(TLS)) {
            errors.error(TLS_TRUSTSTORE, "tls-truststore is only used with tls: true; set tls: true or remove it");
        }
        if (options.has(TLS_TRUSTSTORE_PASSWORD) && !options.has(TLS_TRUSTSTORE)) {
            errors.error(TLS_TRUSTSTORE_PASSWORD, "tls-truststore-password needs tls-truststore (the trust store it "
                    + "opens)");
        }
    }

    @Override
    public Optional<String> partialUpdates(Options options) {
        return options.get(FORMAT) == RedisFormat.HASH ? Optional.empty()
                : Optional.of("format " + options.get(FORMAT).configName() + " stores the whole row under the key, so "
                        + "the fields a partial update leaves out would be lost; use format: hash");
    }

    @Override
    public String target(Options options) {
        return options.get(KEY);
    }

    @Override
    public String identity(Options options) {
        List<RedisNode> cluster = cluster(options);
        // The cluster's part keeps the text of the job module's former HostPort list, so unnamed
        // sinks keep their uids.
        String servers = cluster.isEmpty()
                ? options.get(HOST) + ":" + options.get(PORT) + "/" + options.get(DATABASE)
                : cluster.stream().map(n -> "HostPort[host=" + n.host() + ", port=" + n.port() + "]")
                        .collect(Collectors.joining(", ", "[", "]"));
        return servers + "|" + options.get(KEY);
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        Options options = context.options();
        RedisSinkBuilder builder = RedisSink.builder()
                .name(context.name())
                .tls(options.get(TLS))
                .key(options.get(KEY))
                .format(options.get(FORMAT))
                .columns(options.get(COLUMNS))
                .errorPolicy(context.errorPolicy())
                .truncate(context.options().get(TRUNCATE));
        List<RedisNode> cluster = cluster(options);
        if (cluster.isEmpty()) {
            builder.host(options.get(HOST)).port(options.get(PORT)).database(options.get(DATABASE));
        } else {
            builder.cluster(cluster);
        }
        options.getOptional(USERNAME).ifPresent(builder::username);
        options.getOptional(PASSWORD).ifPresent(p -> builder.password(p.reveal()));
        options.getOptional(TLS_TRUSTSTORE).ifPresent(builder::tlsTruststore);
        options.getOptional(TLS_TRUSTSTORE_PASSWORD).ifPresent(p -> builder.tlsTruststorePassword(p.reveal()));
        options.getOptional(VALUE_COLUMN).ifPresent(builder::valueColumn);
        options.getOptional(TTL).ifPresent(builder::ttl);
        return builder.build();
    }

    private static List<RedisNode> cluster(Options options) {
        return options.get(CLUSTER).stream().map(RedisNode::parse).flatMap(Optional::stream).toList();
    }
}
