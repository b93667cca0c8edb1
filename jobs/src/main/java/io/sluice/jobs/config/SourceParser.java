package io.sluice.jobs.config;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.config.SourceTls;

import io.sluice.core.connector.Secret;

import io.sluice.core.table.TablePattern;

import io.sluice.jobs.config.ParseContext.Value;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code source} block. */
final class SourceParser {

    static final List<String> KEYS = List.of("type", "hostname", "port", "username", "password", "server-id",
            "tables", "exclude", "startup", "stop-at", "server-time-zone", "heartbeat-interval", "connect-timeout",
            "zero-date", "bit1-as-boolean", "chunk-size", "scan-newly-added-tables", "keys", "options", "tls",
            "socket-timeout");
    static final List<String> TLS_KEYS = List.of("mode", "truststore", "truststore-password");
    static final List<String> POSITION_KEYS = List.of("file", "position");
    static final List<String> STARTUP_KEYS = List.of("file", "position", "gtid", "timestamp");

    static final String SERVER_ID_ACCEPTED =
            "an id from 1 to 4294967295, unique among the server's replicas, or a range like 5400-5404";
    static final String STARTUP_ACCEPTED = "initial, snapshot, earliest, latest, {file, position}, {gtid} or {timestamp}";
    static final String STOP_AT_ACCEPTED = "latest or {file, position}";
    static final String TIMESTAMP_ACCEPTED = "an ISO-8601 time with a zone offset "
            + "(e.g. 2024-05-01T08:00:00+08:00 or 2024-05-01T00:00:00Z) or epoch milliseconds";
    static final String ZONE_ACCEPTED = "a region ID such as Asia/Shanghai, an offset such as +08:00, or UTC";

    /** The first event of a binlog file starts after its 4-byte magic number. */
    private static final long MIN_BINLOG_POSITION = 4;

    private SourceParser() {}

    /** A stand-in while the block is missing; its empty {@code tables} turns off table checks. */
    static SourceConfig placeholder() {
        return new SourceConfig(SourceType.MYSQL, "", SourceConfig.DEFAULT_PORT, "", Optional.empty(),
                ServerIdRange.single(1), List.of(), List.of(), Startup.INITIAL, Optional.empty(), Optional.empty(),
                SourceConfig.DEFAULT_HEARTBEAT_INTERVAL, SourceConfig.DEFAULT_CONNECT_TIMEOUT, ZeroDateMode.NULL,
                false, SourceConfig.DEFAULT_CHUNK_SIZE, false, List.of(), Map.of(), SourceTls.DISABLED,
                BinlogSourceConfig.DEFAULT_SOCKET_TIMEOUT);
    }

    static SourceConfig parse(Block src) {
        SourceType type = src.choice("type", SourceType.values(), SourceType.MYSQL, "source type");
        String hostname = src.requiredString("hostname", "the host name or IP address of the MySQL/MariaDB server");
        int port = src.integer("port", SourceConfig.DEFAULT_PORT, 1, 65535);
        String username = src.requiredString("username", "the user the source logs in as (it needs REPLICATION "
                + "SLAVE, REPLICATION CLIENT and SELECT)");
        Optional<Secret> password = src.secret("password");
        ServerIdRange serverId = serverId(src);
        List<TablePattern> tables = List.of();
        if (!src.has("tables")) {
            src.missing("tables", TablePatternReader.LIST);
        } else {
            tables = TablePatternReader.list(src, "tables").orElse(List.of());
        }
        List<TablePattern> exclude = TablePatternReader.list(src, "exclude").orElse(List.of());
        Startup startup = src.has("startup") ? startup(src) : Startup.INITIAL;
        Optional<StopAt> stopAt = src.has("stop-at") ? stopAt(src) : Optional.empty();
        Optional<ZoneId> zone = src.scalar("server-time-zone", ZONE_ACCEPTED).flatMap(v -> zone(src, v));
        return new SourceConfig(type, hostname, port, username, password, serverId, tables, exclude, startup,
                stopAt, zone,
                src.duration("heartbeat-interval", SourceConfig.DEFAULT_HEARTBEAT_INTERVAL),
                src.duration("connect-timeout", SourceConfig.DEFAULT_CONNECT_TIMEOUT),
                src.choice("zero-date", ZeroDateMode.values(), ZeroDateMode.NULL, "zero-date mode"),
                src.bool("bit1-as-boolean", false),
                src.integer("chunk-size", SourceConfig.DEFAULT_CHUNK_SIZE, 1, Integer.MAX_VALUE),
                src.bool("scan-newly-added-tables", false),
                keys(src),
                src.stringMap("options", "a mapping of option names to values, passed to the source as they are",
                        "a string value"),
                tls(src),
                src.duration("socket-timeout", BinlogSourceConfig.DEFAULT_SOCKET_TIMEOUT));
    }

    /** {@code tls: verify-identity}, or {@code tls: {mode, truststore, truststore-password}}. */
    private static SourceTls tls(Block src) {
        Optional<Node> node = src.node("tls");
        if (node.isEmpty()) {
            return SourceTls.DISABLED;
        }
        SourceTls.Mode[] modes = SourceTls.Mode.values();
        if (node.get() instanceof ScalarNode) {
            return new SourceTls(src.choice("tls", modes, SourceTls.Mode.DISABLED, "tls mode"), null, null);
        }
        Block tls = src.block("tls", TLS_KEYS).orElseThrow();
        SourceTls.Mode mode = tls.choice("mode", modes, SourceTls.Mode.VERIFY_IDENTITY, "tls mode");
        Optional<String> truststore = tls.optionalString("truststore", "the path of a PKCS12 or JKS trust store");
        Optional<Secret> password = tls.secret("truststore-password");
        try {
            return new SourceTls(mode, truststore.orElse(null), password.map(Secret::reveal).orElse(null));
        } catch (IllegalArgumentException e) {
            tls.error(truststore.isPresent() ? "truststore" : "truststore-password", e.getMessage()
                    + "; expected {mode: verify-ca or verify-identity, truststore: FILE, truststore-password: ...}");
            return SourceTls.DISABLED;
        }
    }

    private static ServerIdRange serverId(Block src) {
        Optional<Value> v = src.requiredScalar("server-id", SERVER_ID_ACCEPTED);
        if (v.isEmpty()) {
            return ServerIdRange.single(1);
        }
        try {
            return ServerIdRange.parse(v.get().text());
        } catch (IllegalArgumentException e) {
            String reason = v.get().substituted() ? "" : ": " + e.getMessage();
            src.error(v.get().node(), "server-id", "invalid server id or range " + v.get().quoted() + reason
                    + "; expected " + SERVER_ID_ACCEPTED);
            return ServerIdRange.single(1);
        }
    }

    private static Optional<ZoneId> zone(Block src, Value v) {
        try {
            return Optional.of(ZoneId.of(v.text().trim()));
        } catch (DateTimeException e) {
            src.error(v.node(), "server-time-zone", "invalid time zone " + v.quoted() + "; expected " + ZONE_ACCEPTED);
            return Optional.empty();
        }
    }

    private static Startup startup(Block src) {
        Node node = src.node("startup").orElseThrow();
        if (node instanceof ScalarNode) {
            return src.scalar("startup", STARTUP_ACCEPTED).map(v -> {
                switch (v.text().trim().toLowerCase(Locale.ROOT)) {
                    case "initial":
                        return Startup.INITIAL;
                    case "snapshot":
                        return Startup.SNAPSHOT;
                    case "earliest":
                        return Startup.EARLIEST;
                    case "latest":
                        return Startup.LATEST;
                    default:
                        src.error(v.node(), "startup", "unknown startup mode " + v.quoted() + "; expected "
                                + STARTUP_ACCEPTED);
                        return Startup.INITIAL;
                }
            }).orElse(Startup.INITIAL);
        }
        Block at = Block.of(src.context(), node, src.path("startup"), STARTUP_KEYS);
        List<String> forms = new ArrayList<>();
        if (at.has("file") || at.has("position")) {
            forms.add("{file, position}");
        }
        if (at.has("gtid")) {
            forms.add("{gtid}");
        }
        if (at.has("timestamp")) {
            forms.add("{timestamp}");
        }
        if (forms.size() != 1) {
            src.error(node, "startup", (forms.isEmpty() ? "no start position given" : "conflicting start positions "
                    + String.join(" and ", forms)) + "; expected exactly one of " + STARTUP_ACCEPTED);
            return Startup.INITIAL;
        }
        if (at.has("gtid")) {
            return new Startup.AtGtid(at.requiredString("gtid", "a GTID set, e.g. 0-1-100 (MariaDB) or uuid:1-100"));
        }
        if (at.has("timestamp")) {
            return at.scalar("timestamp", TIMESTAMP_ACCEPTED)
                    .flatMap(v -> timestamp(at, v))
                    .<Startup>map(Startup.AtTimestamp::new)
                    .orElse(Startup.INITIAL);
        }
        String file = at.requiredString("file", "a binlog file name, e.g. mysql-bin.000003");
        long position = position(at);
        return new Startup.AtPosition(file, position);
    }

    private static Optional<StopAt> stopAt(Block src) {
        Node node = src.node("stop-at").orElseThrow();
        if (node instanceof ScalarNode) {
            return src.scalar("stop-at", STOP_AT_ACCEPTED).flatMap(v -> {
                if (v.text().trim().equalsIgnoreCase("latest")) {
                    return Optional.of(StopAt.LATEST);
                }
                src.error(v.node(), "stop-at", "unknown stop position " + v.quoted() + "; expected " + STOP_AT_ACCEPTED);
                return Optional.empty();
            });
        }
        Block at = Block.of(src.context(), node, src.path("stop-at"), POSITION_KEYS);
        String file = at.requiredString("file", "a binlog file name, e.g. mysql-bin.000003");
        return Optional.of(new StopAt.AtPosition(file, position(at)));
    }

    private static long position(Block at) {
        if (!at.has("position")) {
            at.missing("position", "a byte offset in the binlog file, at least " + MIN_BINLOG_POSITION);
            return MIN_BINLOG_POSITION;
        }
        return at.longValue("position", MIN_BINLOG_POSITION, MIN_BINLOG_POSITION, Long.MAX_VALUE);
    }

    private static Optional<Instant> timestamp(Block at, Value v) {
        String text = v.text().trim();
        try {
            if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
            }
            return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T')).toInstant());
        } catch (DateTimeException | NumberFormatException e) {
            at.error(v.node(), "timestamp", "invalid timestamp " + v.quoted() + "; expected " + TIMESTAMP_ACCEPTED);
            return Optional.empty();
        }
    }

    private static List<KeyOverride> keys(Block src) {
        List<KeyOverride> keys = new ArrayList<>();
        Optional<Node> node = src.node("keys");
        if (node.isEmpty()) {
            return keys;
        }
        Block map = Block.open(src.context(), node.get(), src.path("keys"),
                "a mapping of db.table regexes to key columns, e.g. {\"shop\\\\.audit_log\": [log_id]}");
        for (String regex : map.keys()) {
            Optional<TablePattern> pattern = TablePatternReader.compile(map, map.position(regex), regex, regex);
            List<String> columns = map.stringList(regex, "a column name");
            if (columns.isEmpty()) {
                map.error(regex, "no key columns given for '" + regex + "'; expected a list of column names, "
                        + "e.g. [order_id, line_no]");
            }
            pattern.ifPresent(p -> keys.add(new KeyOverride(p, columns)));
        }
        return keys;
    }
}
