package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import io.sluice.jobs.config.ParseContext.Value;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code sinks} list; the keys a sink accepts depend on its {@code type}. */
final class SinkParser {

    static final List<String> COMMON_KEYS = List.of("type", "name", "from", "error-policy");
    static final Map<SinkType, List<String>> TYPE_KEYS = new EnumMap<>(Map.of(
            SinkType.PRINT, List.of("path"),
            SinkType.REDIS, List.of("host", "port", "cluster", "username", "password", "database", "tls",
                    "tls-truststore", "tls-truststore-password", "key", "format", "value-column", "ttl", "columns"),
            SinkType.ELASTICSEARCH, List.of("hosts", "username", "password", "index", "id", "routing", "mode", "bulk"),
            SinkType.JDBC, List.of("url", "username", "password", "table", "database", "mode", "create-tables")));
    static final List<String> BULK_KEYS = List.of("actions", "bytes", "interval", "max-in-flight");
    static final List<String> DEAD_LETTER_KEYS = List.of("path", "index");

    static final String FROM_ACCEPTED = "a table (db.table), a join name or an aggregate name";
    static final String TEMPLATE_HINT = "text with {column} placeholders, e.g. ";

    /** Error policy names; a local enum so the names can be matched and listed like the others. */
    enum PolicyKind implements ConfigName {
        FAIL("fail"),
        LOG("log"),
        DEAD_LETTER("dead-letter");

        private final String configName;

        PolicyKind(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    private SinkParser() {}

    static List<SinkConfig> sinks(Block top) {
        List<SinkConfig> sinks = new ArrayList<>();
        if (!top.has("sinks")) {
            top.missing("sinks", "a list of sinks, each with a type (" + Names.list(SinkType.values())
                    + ") and a from");
            return sinks;
        }
        List<Node> items = top.items("sinks", "sinks, each {type, from, ...}");
        if (items.isEmpty() && top.node("sinks").orElseThrow() instanceof SequenceNode) {
            top.error("sinks", "no sinks given; expected at least one sink");
        }
        for (int i = 0; i < items.size(); i++) {
            String path = "sinks[" + i + "]";
            Block s = Block.open(top.context(), items.get(i), path, COMMON_KEYS);
            Optional<SinkType> type = type(s);
            if (type.isEmpty()) {
                continue;
            }
            List<String> allowed = new ArrayList<>(COMMON_KEYS);
            allowed.addAll(TYPE_KEYS.get(type.get()));
            s.allowOnly(allowed);
            Optional<String> name = s.has("name") ? Optional.of(Selections.name(s, "name", "sink")) : Optional.empty();
            String from = s.requiredString("from", FROM_ACCEPTED).trim();
            ErrorPolicy policy = errorPolicy(s, type.get());
            SinkConfig sink;
            switch (type.get()) {
                case PRINT:
                    sink = new PrintSinkConfig(name, from, s.optionalString("path", "a file path"), policy);
                    break;
                case REDIS:
                    sink = redis(s, name, from, policy);
                    break;
                case ELASTICSEARCH:
                    sink = elasticsearch(s, name, from, policy);
                    break;
                default:
                    sink = jdbc(s, name, from, policy);
                    break;
            }
            top.context().locations.element(sink, path);
            sinks.add(sink);
        }
        return sinks;
    }

    private static Optional<SinkType> type(Block s) {
        String accepted = "one of: " + Names.list(SinkType.values());
        Optional<Value> v = s.requiredScalar("type", accepted);
        return v.flatMap(value -> {
            Optional<SinkType> type = Names.match(value.text(), SinkType.values());
            if (type.isEmpty()) {
                s.error(value.node(), "type", "unknown sink type " + value.quoted() + "; expected " + accepted);
            }
            return type;
        });
    }

    private static ErrorPolicy errorPolicy(Block s, SinkType type) {
        if (!s.has("error-policy")) {
            return ErrorPolicy.FAIL;
        }
        String example = "{dead-letter: {path: /var/sluice/dead.jsonl}}";
        return Variant.read(s, "error-policy", PolicyKind.values(), "error policy", example)
                .map(v -> {
                    switch (v.kind()) {
                        case FAIL:
                            v.settings().allowOnly(List.of());
                            return ErrorPolicy.FAIL;
                        case LOG:
                            v.settings().allowOnly(List.of());
                            return ErrorPolicy.LOG;
                        default:
                            return deadLetter(v.settings(), type);
                    }
                })
                .orElse(ErrorPolicy.FAIL);
    }

    private static ErrorPolicy deadLetter(Block settings, SinkType type) {
        settings.allowOnly(DEAD_LETTER_KEYS);
        String accepted = "{path: FILE}" + (type == SinkType.ELASTICSEARCH ? " or {index: NAME}" : "");
        if (settings.has("path") == settings.has("index")) {
            settings.context().error(settings.position(), settings.path(),
                    "a dead-letter target needs exactly one of path or index; expected " + accepted);
            return ErrorPolicy.FAIL;
        }
        if (settings.has("index")) {
            if (type != SinkType.ELASTICSEARCH) {
                settings.error("index", "a dead-letter index is only available to elasticsearch sinks; expected "
                        + accepted);
                return ErrorPolicy.FAIL;
            }
            String index = settings.requiredString("index", "an index name");
            return index.isEmpty() ? ErrorPolicy.FAIL : ErrorPolicy.deadLetterIndex(index);
        }
        String path = settings.requiredString("path", "a file path");
        return path.isEmpty() ? ErrorPolicy.FAIL : ErrorPolicy.deadLetterFile(path);
    }

    private static RedisSinkConfig redis(Block s, Optional<String> name, String from, ErrorPolicy policy) {
        List<HostPort> cluster = new ArrayList<>();
        if (s.has("cluster")) {
            if (s.has("host") || s.has("port") || s.has("database")) {
                s.error("cluster", "use either host/port/database (one Redis server) or cluster (Redis Cluster "
                        + "nodes), not both");
            }
            List<String> nodes = s.stringList("cluster", "a host:port");
            for (String node : nodes) {
                hostPort(node).ifPresentOrElse(cluster::add, () -> s.error("cluster", "invalid cluster node '" + node
                        + "'; expected host:port, e.g. 10.0.0.1:7000"));
            }
            if (nodes.isEmpty()) {
                s.error("cluster", "no cluster nodes given; expected a list of host:port");
            }
        }
        String host = s.optionalString("host", "a host name or IP address").orElse(RedisSinkConfig.DEFAULT_HOST);
        int port = s.integer("port", RedisSinkConfig.DEFAULT_PORT, 1, 65535);
        RedisFormat format = s.choice("format", RedisFormat.values(), RedisFormat.HASH, "redis format");
        Optional<String> valueColumn = s.optionalString("value-column", "a column name");
        if (format == RedisFormat.VALUE && valueColumn.isEmpty()) {
            s.missing("value-column", "the column whose value is stored (needed by format: value)");
        } else if (format != RedisFormat.VALUE && valueColumn.isPresent()) {
            s.error("value-column", "value-column is only used with format: value; remove it or set format: value");
        }
        boolean tls = s.bool("tls", false);
        Optional<String> truststore = s.optionalString("tls-truststore", "the path of a PKCS12 or JKS trust store");
        Optional<Secret> truststorePassword = s.secret("tls-truststore-password");
        if (truststore.isPresent() && truststore.get().isBlank()) {
            s.error("tls-truststore", "the value is empty; expected the path of a PKCS12 or JKS trust store");
        } else if (truststore.isPresent() && !tls) {
            s.error("tls-truststore", "tls-truststore is only used with tls: true; set tls: true or remove it");
        }
        if (truststorePassword.isPresent() && truststore.isEmpty()) {
            s.error("tls-truststore-password", "tls-truststore-password needs tls-truststore (the trust store it opens)");
        }
        return new RedisSinkConfig(name, from, host, port, cluster,
                s.optionalString("username", "a Redis ACL user name"),
                s.secret("password"),
                s.integer("database", 0, 0, Integer.MAX_VALUE),
                tls, truststore, truststorePassword,
                s.requiredExpr("key", TEMPLATE_HINT + "user:{id}"),
                format, valueColumn,
                s.optionalDuration("ttl"),
                Selections.columns(s, "columns"),
                policy);
    }

    private static Optional<HostPort> hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = text.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1).trim());
            return port >= 1 && port <= 65535 && !host.isEmpty() ? Optional.of(new HostPort(host, port))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ElasticsearchSinkConfig elasticsearch(Block s, Optional<String> name, String from,
            ErrorPolicy policy) {
        String accepted = "a list of URLs such as http://127.0.0.1:9200";
        List<String> hosts = new ArrayList<>();
        if (!s.has("hosts")) {
            s.missing("hosts", accepted);
        }
        for (String host : s.stringList("hosts", "a URL such as http://127.0.0.1:9200")) {
            checkUrl(s, host, accepted).ifPresent(hosts::add);
        }
        BulkSettings bulk = s.block("bulk", BULK_KEYS).map(SinkParser::bulk).orElse(BulkSettings.DEFAULT);
        return new ElasticsearchSinkConfig(name, from, hosts,
                s.optionalString("username", "a user name"),
                s.secret("password"),
                s.requiredExpr("index", TEMPLATE_HINT + "orders or orders_{region}"),
                s.expr("id", TEMPLATE_HINT + "{id}"),
                s.expr("routing", TEMPLATE_HINT + "{user_id}"),
                s.choice("mode", ElasticsearchWriteMode.values(), ElasticsearchWriteMode.INDEX, "elasticsearch mode"),
                bulk, policy);
    }

    private static Optional<String> checkUrl(Block s, String host, String accepted) {
        try {
            URI uri = new URI(host);
            if (uri.getUserInfo() != null) {
                s.error("hosts", "credentials in a host URL are not allowed; use the username and password keys");
                return Optional.empty();
            }
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return Optional.of(host);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        s.error("hosts", "invalid host '" + host + "'; expected " + accepted);
        return Optional.empty();
    }

    private static BulkSettings bulk(Block b) {
        BulkSettings d = BulkSettings.DEFAULT;
        int actions = b.integer("actions", d.actions(), 1, Integer.MAX_VALUE);
        long bytes = d.bytes();
        Optional<Value> v = b.scalar("bytes", ByteSizes.ACCEPTED);
        if (v.isPresent()) {
            try {
                bytes = ByteSizes.parse(v.get().text());
                if (bytes <= 0) {
                    throw new IllegalArgumentException("zero");
                }
            } catch (IllegalArgumentException e) {
                b.error(v.get().node(), "bytes", "invalid size " + v.get().quoted() + "; expected " + ByteSizes.ACCEPTED);
                bytes = d.bytes();
            }
        }
        Duration interval = b.duration("interval", d.interval());
        int maxInFlight = b.integer("max-in-flight", d.maxInFlight(), 1, BulkSettings.MAX_IN_FLIGHT_LIMIT);
        return new BulkSettings(actions, bytes, interval, maxInFlight);
    }

    private static JdbcSinkConfig jdbc(Block s, Optional<String> name, String from, ErrorPolicy policy) {
        String accepted = "a JDBC URL, e.g. jdbc:mysql://127.0.0.1:3306/report?rewriteBatchedStatements=true";
        Optional<Value> url = s.requiredScalar("url", accepted);
        String urlText = url.map(Value::text).orElse("");
        if (url.isPresent() && !urlText.startsWith("jdbc:")) {
            String shown = url.get().substituted() ? url.get().quoted() : "'" + JdbcSinkConfig.maskUrl(urlText) + "'";
            s.error(url.get().node(), "url", "invalid JDBC URL " + shown + "; expected " + accepted);
        }
        return new JdbcSinkConfig(name, from, urlText,
                s.optionalString("username", "a user name"),
                s.secret("password"),
                s.requiredExpr("table", TEMPLATE_HINT + "seller_daily or seller_daily_{seller_id % 4}"),
                s.optionalString("database", "a database name"),
                s.choice("mode", JdbcWriteMode.values(), JdbcWriteMode.UPSERT, "jdbc mode"),
                s.bool("create-tables", false),
                policy);
    }

}
