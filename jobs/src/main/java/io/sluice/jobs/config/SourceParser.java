package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.table.TablePattern;
import io.sluice.source.config.SourceOptions;
import io.sluice.source.config.SourceTls;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import io.sluice.core.connector.Secret;
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
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the {@code source} block by the source's own {@link SourceOptions}: the simple keys
 * through {@link OptionReader}, the structured ones (server ids, table lists, start and stop
 * positions, the time zone, key overrides, JDBC options, TLS) here, straight into the source's
 * types.
 */
final class SourceParser {

    static final List<String> KEYS = SourceOptions.ALL.stream().map(ConfigOption::key).toList();
    static final List<String> TLS_KEYS = List.of("mode", "truststore", "truststore-password");
    static final List<String> POSITION_KEYS = List.of("file", "position");
    static final List<String> STARTUP_KEYS = List.of("file", "position", "gtid", "timestamp");

    static final String TIMESTAMP_ACCEPTED = "an ISO-8601 time with a zone offset "
            + "(e.g. 2024-05-01T08:00:00+08:00 or 2024-05-01T00:00:00Z) or epoch milliseconds";

    /** The first event of a binlog file starts after its 4-byte magic number. */
    private static final long MIN_BINLOG_POSITION = 4;

    private SourceParser() {}

    /** A stand-in while the block is missing; its empty {@code tables} turns off table checks. */
    static SourceConfig placeholder() {
        return config(ParsedOptions.of(SourceOptions.ALL, Map.of()), "", "", ServerIdRange.single(1), List.of(),
                List.of(), SourceOptions.STARTUP.defaultValue().orElseThrow(), Optional.empty(), Optional.empty(),
                List.of(), Map.of(), SourceTls.DISABLED);
    }

    static SourceConfig parse(Block src) {
        ParsedOptions options = OptionReader.read(src, SourceOptions.ALL);
        ServerIdRange serverId = serverId(src);
        List<TablePattern> tables = List.of();
        if (!src.has("tables")) {
            src.missing("tables", SourceOptions.TABLE_LIST);
        } else {
            tables = TablePatternReader.list(src, "tables").orElse(List.of());
        }
        List<TablePattern> exclude = TablePatternReader.list(src, "exclude").orElse(List.of());
        StartupOptions startup = src.has("startup") ? startup(src) : SourceOptions.STARTUP.defaultValue().orElseThrow();
        Optional<StopOptions> stopAt = src.has("stop-at") ? stopAt(src) : Optional.empty();
        Optional<ZoneId> zone = src.scalar("server-time-zone", SourceOptions.ZONE_ACCEPTED).flatMap(v -> zone(src, v));
        return config(options, Objects.requireNonNullElse(options.get(SourceOptions.HOSTNAME), ""),
                Objects.requireNonNullElse(options.get(SourceOptions.USERNAME), ""), serverId, tables, exclude,
                startup, stopAt, zone, keys(src),
                src.stringMap("options", SourceOptions.OPTIONS.accepted(), "a string value"), tls(src));
    }

    private static SourceConfig config(ParsedOptions o, String hostname, String username, ServerIdRange serverId,
            List<TablePattern> tables, List<TablePattern> exclude, StartupOptions startup,
            Optional<StopOptions> stopAt, Optional<ZoneId> zone, List<KeyOverride> keys, Map<String, String> jdbc,
            SourceTls tls) {
        return new SourceConfig(o.get(SourceOptions.TYPE), hostname, o.get(SourceOptions.PORT), username,
                Optional.ofNullable(o.get(SourceOptions.PASSWORD)), serverId, tables, exclude, startup, stopAt, zone,
                o.get(SourceOptions.HEARTBEAT_INTERVAL), o.get(SourceOptions.CONNECT_TIMEOUT),
                o.get(SourceOptions.ZERO_DATE), o.get(SourceOptions.BIT1_AS_BOOLEAN), o.get(SourceOptions.CHUNK_SIZE),
                o.get(SourceOptions.SCAN_NEWLY_ADDED_TABLES), keys, jdbc, tls, o.get(SourceOptions.SOCKET_TIMEOUT),
                o.get(SourceOptions.XA_MAX_ROWS), o.get(SourceOptions.XA_UNKNOWN_COMMIT));
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
        Optional<Value> v = src.requiredScalar("server-id", SourceOptions.SERVER_ID_ACCEPTED);
        if (v.isEmpty()) {
            return ServerIdRange.single(1);
        }
        try {
            return ServerIdRange.parse(v.get().text());
        } catch (IllegalArgumentException e) {
            String reason = v.get().substituted() ? "" : ": " + e.getMessage();
            src.error(v.get().node(), "server-id", "invalid server id or range " + v.get().quoted() + reason
                    + "; expected " + SourceOptions.SERVER_ID_ACCEPTED);
            return ServerIdRange.single(1);
        }
    }

    private static Optional<ZoneId> zone(Block src, Value v) {
        try {
            return Optional.of(ZoneId.of(v.text().trim()));
        } catch (DateTimeException e) {
            src.error(v.node(), "server-time-zone", "invalid time zone " + v.quoted() + "; expected " + SourceOptions.ZONE_ACCEPTED);
            return Optional.empty();
        }
    }

    private static StartupOptions startup(Block src) {
        Node node = src.node("startup").orElseThrow();
        if (node instanceof ScalarNode) {
            return src.scalar("startup", SourceOptions.STARTUP_ACCEPTED).map(v -> {
                switch (v.text().trim().toLowerCase(Locale.ROOT)) {
                    case "initial":
                        return StartupOptions.initial();
                    case "snapshot":
                        return StartupOptions.snapshot();
                    case "earliest":
                        return StartupOptions.earliest();
                    case "latest":
                        return StartupOptions.latest();
                    default:
                        src.error(v.node(), "startup", "unknown startup mode " + v.quoted() + "; expected "
                                + SourceOptions.STARTUP_ACCEPTED);
                        return StartupOptions.initial();
                }
            }).orElse(StartupOptions.initial());
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
                    + String.join(" and ", forms)) + "; expected exactly one of " + SourceOptions.STARTUP_ACCEPTED);
            return StartupOptions.initial();
        }
        if (at.has("gtid")) {
            String gtid = at.requiredString("gtid", "a GTID set, e.g. 0-1-100 (MariaDB) or uuid:1-100");
            return gtid.isBlank() ? StartupOptions.initial() : StartupOptions.gtid(gtid);
        }
        if (at.has("timestamp")) {
            return at.scalar("timestamp", TIMESTAMP_ACCEPTED)
                    .flatMap(v -> timestamp(at, v))
                    .map(t -> StartupOptions.timestamp(t.toEpochMilli()))
                    .orElse(StartupOptions.initial());
        }
        String file = at.requiredString("file", "a binlog file name, e.g. mysql-bin.000003");
        long position = position(at);
        return StartupOptions.position(file, position);
    }

    private static Optional<StopOptions> stopAt(Block src) {
        Node node = src.node("stop-at").orElseThrow();
        if (node instanceof ScalarNode) {
            return src.scalar("stop-at", SourceOptions.STOP_AT_ACCEPTED).flatMap(v -> {
                if (v.text().trim().equalsIgnoreCase("latest")) {
                    return Optional.of(StopOptions.atLatest());
                }
                src.error(v.node(), "stop-at", "unknown stop position " + v.quoted() + "; expected " + SourceOptions.STOP_AT_ACCEPTED);
                return Optional.empty();
            });
        }
        Block at = Block.of(src.context(), node, src.path("stop-at"), POSITION_KEYS);
        String file = at.requiredString("file", "a binlog file name, e.g. mysql-bin.000003");
        return Optional.of(StopOptions.at(file, position(at)));
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
