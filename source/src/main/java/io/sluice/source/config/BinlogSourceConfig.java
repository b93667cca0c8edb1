package io.sluice.source.config;

import io.sluice.event.TableId;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Everything the binlog source needs to know; build it with {@link #builder()}. */
@PublicEvolving
public final class BinlogSourceConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String hostname;
    private final int port;
    private final String username;
    private final String password;
    private final long serverId;
    private final TableFilter tables;
    private final StartupOptions startup;
    private final StopOptions stop;
    private final String serverTimeZone;
    private final Duration heartbeatInterval;
    private final Duration connectTimeout;
    private final Duration reconnectTimeout;
    private final ZeroDatePolicy zeroDates;
    private final boolean bit1AsBoolean;
    private final Map<String, List<String>> keys;
    private final Map<String, String> jdbcProperties;

    private BinlogSourceConfig(Builder b) {
        this.hostname = b.hostname;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.serverId = b.serverId;
        this.tables = b.tables;
        this.startup = b.startup;
        this.stop = b.stop;
        this.serverTimeZone = b.serverTimeZone;
        this.heartbeatInterval = b.heartbeatInterval;
        this.connectTimeout = b.connectTimeout;
        this.reconnectTimeout = b.reconnectTimeout;
        this.zeroDates = b.zeroDates;
        this.bit1AsBoolean = b.bit1AsBoolean;
        this.keys = Map.copyOf(b.keys);
        this.jdbcProperties = Map.copyOf(b.jdbcProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String hostname() {
        return hostname;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public long serverId() {
        return serverId;
    }

    public TableFilter tables() {
        return tables;
    }

    public StartupOptions startup() {
        return startup;
    }

    /** The stop position of a bounded source; empty for an unbounded one. */
    public Optional<StopOptions> stop() {
        return Optional.ofNullable(stop);
    }

    public ZoneId serverTimeZone() {
        return ZoneId.of(serverTimeZone);
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long reconnect attempts go on before the source fails. */
    public Duration reconnectTimeout() {
        return reconnectTimeout;
    }

    public ZeroDatePolicy zeroDates() {
        return zeroDates;
    }

    public boolean bit1AsBoolean() {
        return bit1AsBoolean;
    }

    /** The configured key of a table that has no primary key, if one of the patterns matches. */
    public Optional<List<String>> configuredKey(TableId table) {
        String name = table.toString();
        for (Map.Entry<String, List<String>> e : keys.entrySet()) {
            if (Pattern.compile(e.getKey(), Pattern.CASE_INSENSITIVE).matcher(name).matches()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** A JDBC URL for mysql-connector-j to the source server. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:mysql://")
                .append(hostname).append(':').append(port)
                .append("/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=")
                .append(connectTimeout.toMillis())
                .append("&socketTimeout=0&useInformationSchema=true&characterEncoding=UTF-8");
        jdbcProperties.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
        return url.toString();
    }

    /** A short description for logs and operator names; never includes the password. */
    @Override
    public String toString() {
        return username + "@" + hostname + ":" + port + " server-id " + serverId + " " + tables
                + " from " + startup + (stop == null ? "" : " to " + stop);
    }

    /** Builder; setters check ranges, {@link #build()} checks what must be set together. */
    @PublicEvolving
    public static final class Builder {
        private String hostname = "127.0.0.1";
        private int port = 3306;
        private String username;
        private String password = "";
        private long serverId = -1;
        private TableFilter tables = TableFilter.all();
        private StartupOptions startup = StartupOptions.latest();
        private StopOptions stop;
        private String serverTimeZone = "UTC";
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration reconnectTimeout = Duration.ofMinutes(10);
        private ZeroDatePolicy zeroDates = ZeroDatePolicy.NULL;
        private boolean bit1AsBoolean;
        private final Map<String, List<String>> keys = new LinkedHashMap<>();
        private final Map<String, String> jdbcProperties = new LinkedHashMap<>();

        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range; expected 1 to 65535");
            }
            this.port = port;
            return this;
        }

        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        public Builder password(String password) {
            this.password = password == null ? "" : password;
            return this;
        }

        public Builder serverId(long serverId) {
            if (serverId < 1 || serverId > 4294967295L) {
                throw new IllegalArgumentException(
                        "server-id " + serverId + " is out of range; expected 1 to 4294967295,"
                                + " unique among the server's replicas and CDC clients");
            }
            this.serverId = serverId;
            return this;
        }

        /** Canal's syntax: comma-separated regular expressions on {@code db.table}. */
        public Builder tables(String include, String exclude) {
            this.tables = TableFilter.of(include, exclude);
            return this;
        }

        public Builder startup(StartupOptions startup) {
            this.startup = Objects.requireNonNull(startup, "startup");
            return this;
        }

        public Builder stopAt(StopOptions stop) {
            this.stop = stop;
            return this;
        }

        public Builder serverTimeZone(String zone) {
            ZoneId.of(zone);
            this.serverTimeZone = zone;
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive, was " + interval);
            }
            this.heartbeatInterval = interval;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        public Builder reconnectTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("reconnect timeout must not be negative, was " + timeout);
            }
            this.reconnectTimeout = timeout;
            return this;
        }

        public Builder zeroDates(ZeroDatePolicy policy) {
            this.zeroDates = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder bit1AsBoolean(boolean bit1AsBoolean) {
            this.bit1AsBoolean = bit1AsBoolean;
            return this;
        }

        /** The key of tables matching {@code tableRegex} that have no primary key. */
        public Builder key(String tableRegex, List<String> columns) {
            Pattern.compile(tableRegex);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("key for " + tableRegex + " names no column");
            }
            keys.put(tableRegex, List.copyOf(columns));
            return this;
        }

        public Builder jdbcProperty(String name, String value) {
            jdbcProperties.put(name, value);
            return this;
        }

        public BinlogSourceConfig build() {
            if (username == null) {
                throw new IllegalArgumentException("username is required");
            }
            if (serverId < 0) {
                throw new IllegalArgumentException(
                        "server-id is required: a number unique among the server's replicas and CDC clients");
            }
            return new BinlogSourceConfig(this);
        }
    }
}
