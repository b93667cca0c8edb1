package io.sluice.source.config;

import io.sluice.core.table.TableFilter;

import io.sluice.event.TableId;
import io.sluice.source.position.StartupMode;
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
    /** The default {@link Builder#socketTimeout}. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(5);

    private static final long serialVersionUID = 1L;

    /** Rows per snapshot chunk unless configured. */
    public static final int DEFAULT_CHUNK_SIZE = 8192;
    /** Rows of prepared, uncommitted XA transactions the source holds at most (default). */
    public static final long DEFAULT_XA_MAX_ROWS = 100_000;

    private final String hostname;
    private final int port;
    private final String username;
    private final String password;
    private final long serverId;
    private final long lastServerId;
    private final TableFilter tables;
    private final StartupOptions startup;
    private final StopOptions stop;
    private final String serverTimeZone;
    private final Duration heartbeatInterval;
    private final Duration connectTimeout;
    private final Duration reconnectTimeout;
    private final Duration socketTimeout;
    private final ZeroDatePolicy zeroDates;
    private final boolean bit1AsBoolean;
    private final Map<String, List<String>> keys;
    private final Map<String, String> jdbcProperties;
    private final int chunkSize;
    private final long xaMaxRows;
    private final XaUnknownCommit xaUnknownCommit;
    private final boolean scanNewlyAddedTables;
    private final Duration handoverTimeout;
    private final SourceTls tls;

    private BinlogSourceConfig(Builder b) {
        this.hostname = b.hostname;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.serverId = b.serverId;
        this.lastServerId = b.lastServerId;
        this.tables = b.tables;
        this.startup = b.startup;
        this.stop = b.stop;
        this.serverTimeZone = b.serverTimeZone;
        this.heartbeatInterval = b.heartbeatInterval;
        this.connectTimeout = b.connectTimeout;
        this.reconnectTimeout = b.reconnectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.zeroDates = b.zeroDates;
        this.bit1AsBoolean = b.bit1AsBoolean;
        this.keys = Map.copyOf(b.keys);
        this.jdbcProperties = Map.copyOf(b.jdbcProperties);
        this.chunkSize = b.chunkSize;
        this.xaMaxRows = b.xaMaxRows;
        this.xaUnknownCommit = b.xaUnknownCommit;
        this.scanNewlyAddedTables = b.scanNewlyAddedTables;
        this.handoverTimeout = b.handoverTimeout;
        this.tls = b.tls;
    }

    /** The same configuration reading with another server id and only the given tables. */
    private BinlogSourceConfig(BinlogSourceConfig c, long serverId, TableFilter tables) {
        this.hostname = c.hostname;
        this.port = c.port;
        this.username = c.username;
        this.password = c.password;
        this.serverId = serverId;
        this.lastServerId = serverId;
        this.tables = tables;
        this.startup = c.startup;
        this.stop = c.stop;
        this.serverTimeZone = c.serverTimeZone;
        this.heartbeatInterval = c.heartbeatInterval;
        this.connectTimeout = c.connectTimeout;
        this.reconnectTimeout = c.reconnectTimeout;
        this.socketTimeout = c.socketTimeout;
        this.zeroDates = c.zeroDates;
        this.bit1AsBoolean = c.bit1AsBoolean;
        this.keys = c.keys;
        this.jdbcProperties = c.jdbcProperties;
        this.chunkSize = c.chunkSize;
        this.xaMaxRows = c.xaMaxRows;
        // a snapshot chunk's short reads meet such commits to read the chunk again
        this.xaUnknownCommit = XaUnknownCommit.FAIL;
        this.scanNewlyAddedTables = c.scanNewlyAddedTables;
        this.handoverTimeout = c.handoverTimeout;
        this.tls = c.tls;
    }

    /**
     * A copy for a short binlog read of the snapshot (a chunk's changes while it was selected):
     * its own server id, and only the chunk's table.
     */
    public BinlogSourceConfig forSnapshotRead(long serverId, TableFilter tables) {
        return new BinlogSourceConfig(this, serverId, tables);
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

    /** The server id of the binlog reader: the first of the configured range. */
    public long serverId() {
        return serverId;
    }

    /** The last server id of the configured range (the first when one id is configured). */
    public long lastServerId() {
        return lastServerId;
    }

    /** How many server ids the configured range holds. */
    public long serverIdCount() {
        return lastServerId - serverId + 1;
    }

    /** Rows per snapshot chunk: what one reader selects, and holds in memory, at a time. */
    public int chunkSize() {
        return chunkSize;
    }

    /** The most rows of prepared XA transactions held until their XA COMMIT, in memory and in checkpoints. */
    public long xaMaxRows() {
        return xaMaxRows;
    }

    /** What an XA COMMIT whose prepare lies before the start does. */
    public XaUnknownCommit xaUnknownCommit() {
        return xaUnknownCommit;
    }

    /**
     * How long the binlog split waits, after the snapshot, for a checkpoint that holds the whole
     * snapshot before it starts anyway (a job without checkpoints).
     */
    public Duration handoverTimeout() {
        return handoverTimeout;
    }

    /**
     * Whether tables that start to match the patterns after the job started are snapshotted then
     * (Flink CDC's {@code scan.newly-added-table.enabled}): tables that newly match when a job is
     * restored with wider patterns, and populated tables renamed into a matching name while it runs.
     * Off: such tables are only streamed from the binlog, from where the job is.
     */
    public boolean scanNewlyAddedTables() {
        return scanNewlyAddedTables;
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
    /** How long a JDBC read waits for the server's bytes before it fails. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

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
                .append(tls.enabled() ? "/?" : "/?useSSL=false&").append("allowPublicKeyRetrieval=true&connectTimeout=")
                .append(connectTimeout.toMillis())
                .append("&socketTimeout=").append(socketTimeout.toMillis())
                .append("&useInformationSchema=true&characterEncoding=UTF-8");
        jdbcProperties.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
        return url.toString();
    }

    /** TLS of every connection to the server. */
    public SourceTls tls() {
        return tls;
    }

    /**
     * The properties of a JDBC connection to the server: the user, its password and the TLS
     * settings (kept out of {@link #jdbcUrl()}, which may be printed).
     */
    public java.util.Properties connectionProperties() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        tls.addTo(props);
        return props;
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
        private long lastServerId = -1;
        private TableFilter tables = TableFilter.all();
        private StartupOptions startup = StartupOptions.latest();
        private StopOptions stop;
        private String serverTimeZone = "UTC";
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private Duration reconnectTimeout = Duration.ofMinutes(10);
        private ZeroDatePolicy zeroDates = ZeroDatePolicy.NULL;
        private boolean bit1AsBoolean;
        private final Map<String, List<String>> keys = new LinkedHashMap<>();
        private final Map<String, String> jdbcProperties = new LinkedHashMap<>();
        private SourceTls tls = SourceTls.DISABLED;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private long xaMaxRows = DEFAULT_XA_MAX_ROWS;
        private XaUnknownCommit xaUnknownCommit = XaUnknownCommit.FAIL;
        private boolean scanNewlyAddedTables;
        private Duration handoverTimeout = Duration.ofSeconds(30);

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
            this.lastServerId = serverId;
            return this;
        }

        /**
         * A range of server ids: the binlog reader uses the first; during a snapshot, reader
         * {@code i} of the source's parallel readers uses {@code first + i} for the short binlog
         * reads that reconcile its chunks. The range needs as many ids as the source's parallelism.
         */
        public Builder serverIdRange(long first, long last) {
            serverId(last);
            serverId(first);
            if (last < first) {
                throw new IllegalArgumentException(
                        "server-id range " + first + "-" + last + " ends before it starts; expected first-last,"
                                + " e.g. 5400-5403");
            }
            this.lastServerId = last;
            return this;
        }

        /** See {@link BinlogSourceConfig#scanNewlyAddedTables()}; off by default. */
        public Builder scanNewlyAddedTables(boolean scan) {
            this.scanNewlyAddedTables = scan;
            return this;
        }

        /** Rows per snapshot chunk (default {@value BinlogSourceConfig#DEFAULT_CHUNK_SIZE}). */
        public Builder chunkSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("snapshot chunk size must be at least 1 row, was " + rows);
            }
            this.chunkSize = rows;
            return this;
        }

        /**
         * How long the binlog split waits after the snapshot for a checkpoint that holds the whole
         * snapshot (default 30 s); it starts without one after that, for jobs without checkpoints.
         */
        public Builder handoverTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("handover timeout must not be negative, was " + timeout);
            }
            this.handoverTimeout = timeout;
            return this;
        }

        /**
         * The most rows of XA transactions the source holds between XA PREPARE and XA COMMIT
         * (default {@value BinlogSourceConfig#DEFAULT_XA_MAX_ROWS}); past it the job stops, naming it.
         */
        public Builder xaMaxRows(long rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("xa-max-rows must be at least 1, was " + rows);
            }
            this.xaMaxRows = rows;
            return this;
        }

        /** What an XA COMMIT whose prepare lies before the start does (default {@code FAIL}). */
        public Builder xaUnknownCommit(XaUnknownCommit policy) {
            this.xaUnknownCommit = Objects.requireNonNull(policy, "xaUnknownCommit");
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

        /**
         * The longest a metadata query or a snapshot chunk's {@code SELECT} waits for bytes from the
         * server (default 5 minutes): on a half-open connection it then fails, and the job restores,
         * instead of waiting forever while checkpoints go on.
         */
        public Builder socketTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("socket timeout must be positive, was " + timeout);
            }
            this.socketTimeout = timeout;
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

        /** TLS for the binlog and JDBC connections; off by default. */
        public Builder tls(SourceTls value) {
            this.tls = java.util.Objects.requireNonNull(value, "tls");
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
            if (startup.snapshotsTables() && startup.mode() == StartupMode.SNAPSHOT && stop != null) {
                throw new IllegalArgumentException(
                        "stop-at does not apply to startup mode 'snapshot', which reads the tables and stops;"
                                + " use startup 'initial' to read the binlog after the snapshot up to stop-at");
            }
            if (scanNewlyAddedTables && (stop != null || startup.mode() == StartupMode.SNAPSHOT)) {
                throw new IllegalArgumentException(
                        "scan-newly-added-tables needs an unbounded source that reads the binlog; it does not apply to"
                                + (stop != null ? " a run with stop-at" : " startup mode 'snapshot'")
                                + ": turn it off, or run without "
                                + (stop != null ? "stop-at" : "startup 'snapshot' (e.g. startup 'initial')"));
            }
            return new BinlogSourceConfig(this);
        }
    }
}
