package io.sluice.jobs.config;

import io.sluice.core.connector.Secret;
import io.sluice.core.table.TablePattern;
import io.sluice.source.config.SourceTls;
import io.sluice.source.config.SourceType;
import io.sluice.source.config.XaUnknownCommit;
import io.sluice.source.config.ZeroDatePolicy;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The binlog source: the {@code source} block. {@code tables} and {@code exclude} are Canal
 * {@code filter.regex} lists on {@code db.table}; {@code keys} gives key columns for tables
 * without a primary key; {@code options} are passed to the source unchanged. {@code
 * scan-newly-added-tables} snapshots tables that start to match later (Flink CDC's {@code
 * scan.newly-added-table.enabled}).
 */
@PublicEvolving
public record SourceConfig(
        SourceType type,
        String hostname,
        int port,
        String username,
        Optional<Secret> password,
        ServerIdRange serverId,
        List<TablePattern> tables,
        List<TablePattern> exclude,
        StartupOptions startup,
        Optional<StopOptions> stopAt,
        Optional<ZoneId> serverTimeZone,
        Duration heartbeatInterval,
        Duration connectTimeout,
        ZeroDatePolicy zeroDate,
        boolean bit1AsBoolean,
        int chunkSize,
        boolean scanNewlyAddedTables,
        List<KeyOverride> keys,
        Map<String, String> options,
        SourceTls tls,
        Duration socketTimeout,
        int xaMaxRows,
        XaUnknownCommit xaUnknownCommit) {

    /** Option names that look like credentials; their values are masked by {@link #toString()}. */
    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(password|secret|token|credential).*");

    public SourceConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(serverId, "serverId");
        tables = List.copyOf(tables);
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(stopAt, "stopAt");
        Objects.requireNonNull(serverTimeZone, "serverTimeZone");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(zeroDate, "zeroDate");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        keys = List.copyOf(keys);
        options = Copies.orderedMap(options);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
    }

    /** True if the source reads {@code db.table}: it matches {@code tables} and not {@code exclude}. */
    public boolean captures(String dbTable) {
        return TablePattern.anyMatches(tables, dbTable) && !TablePattern.anyMatches(exclude, dbTable);
    }

    /** The configured key columns for a table, if an entry of {@code keys} matches it. */
    public Optional<List<String>> keyFor(String dbTable) {
        return keys.stream().filter(k -> k.table().matches(dbTable)).findFirst().map(KeyOverride::columns);
    }

    @Override
    public String toString() {
        StringBuilder masked = new StringBuilder("{");
        options.forEach((k, v) -> {
            if (masked.length() > 1) {
                masked.append(", ");
            }
            masked.append(k).append('=').append(SENSITIVE.matcher(k).matches() ? Secret.MASK : v);
        });
        masked.append('}');
        return "SourceConfig[type=" + type.configName() + ", hostname=" + hostname + ", port=" + port
                + ", username=" + username + ", password=" + password + ", serverId=" + serverId
                + ", tables=" + tables + ", exclude=" + exclude + ", startup=" + startup
                + ", stopAt=" + stopAt + ", serverTimeZone=" + serverTimeZone
                + ", heartbeatInterval=" + heartbeatInterval + ", connectTimeout=" + connectTimeout
                + ", zeroDate=" + zeroDate + ", bit1AsBoolean=" + bit1AsBoolean + ", chunkSize=" + chunkSize + ", scanNewlyAddedTables=" + scanNewlyAddedTables
                + ", keys=" + keys + ", options=" + masked + "]";
    }
}
