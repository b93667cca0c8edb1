package io.sluice.source.config;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.Secret;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The keys of the job file's {@code source} block, described once: the job reader reads them by
 * these descriptions (the simple ones entirely, the structured ones with its own code), and the
 * README's reference table is generated from them.
 */
@PublicEvolving
public final class SourceOptions {

    /** What a table list accepts, as messages say it after "expected". */
    public static final String TABLE_LIST = "Java regular expressions on db.table, as a list or separated by commas, "
            + "e.g. \"shop_\\d+\\.orders_\\d+, shop\\.users\"";
    public static final String SERVER_ID_ACCEPTED =
            "an id from 1 to 4294967295, unique among the server's replicas, or a range like 5400-5404";
    public static final String STARTUP_ACCEPTED =
            "initial, snapshot, earliest, latest, {file, position}, {gtid} or {timestamp}";
    public static final String STOP_AT_ACCEPTED = "latest or {file, position}";
    public static final String ZONE_ACCEPTED = "a region ID such as Asia/Shanghai, an offset such as +08:00, or UTC";

    public static final ConfigOption<SourceType> TYPE = ConfigOption.choice("type", SourceType.class, "source type")
            .withDefault(SourceType.MYSQL).withDoc("MySQL or MariaDB, through the binlog.");
    public static final ConfigOption<String> HOSTNAME = ConfigOption.string("hostname").required().nonEmpty()
            .accepting("the host name or IP address of the MySQL/MariaDB server")
            .withDoc("The MySQL or MariaDB server's host name or IP address.");
    public static final ConfigOption<Integer> PORT = ConfigOption.integer("port", 1, 65535).withDefault(3306);
    public static final ConfigOption<String> USERNAME = ConfigOption.string("username").required().nonEmpty()
            .accepting("the user the source logs in as (it needs REPLICATION SLAVE, REPLICATION CLIENT and SELECT)")
            .withDoc("Needs `REPLICATION SLAVE, REPLICATION CLIENT, SELECT`.");
    public static final ConfigOption<Secret> PASSWORD = ConfigOption.secret("password");
    public static final ConfigOption<Object> SERVER_ID = ConfigOption.structured("server-id", SERVER_ID_ACCEPTED)
            .required().withDoc("Unique among the server's replicas; a range `5400-5403`: the binlog reader uses the"
                    + " first id, and with `startup: initial` or `snapshot` each of the `parallelism` snapshot readers"
                    + " uses one, so the range needs at least `parallelism` ids.");
    public static final ConfigOption<Object> TABLES = ConfigOption.structured("tables", TABLE_LIST).required()
            .withDoc("Canal's `filter.regex`: Java regexes on `db.table`, comma-separated (or a YAML list), whole"
                    + " name, any case: `\"shop_\\\\d+\\\\.orders_\\\\d+, shop\\\\.users\"`.");
    public static final ConfigOption<Object> EXCLUDE = ConfigOption.structured("exclude", TABLE_LIST)
            .withDoc("Same syntax; tables to leave out.");
    public static final ConfigOption<StartupOptions> STARTUP =
            ConfigOption.<StartupOptions>structured("startup", STARTUP_ACCEPTED).withDefault(StartupOptions.initial())
                    .withDoc("`initial` (a snapshot of the tables, rows with op `r`, then the binlog), `snapshot` (the"
                            + " tables only, then the job ends; no `stop-at`), `earliest`, `latest`,"
                            + " `{file: binlog.000003, position: 4}`, `{gtid: \"0-1-100\"}`,"
                            + " `{timestamp: 2024-05-01T00:00:00Z}` (or epoch ms).");
    public static final ConfigOption<StopOptions> STOP_AT =
            ConfigOption.<StopOptions>structured("stop-at", STOP_AT_ACCEPTED).withDoc("`latest` (the binlog end when"
                    + " the job first starts) or `{file, position}`: a bounded run. None: unbounded.");
    public static final ConfigOption<ZoneId> SERVER_TIME_ZONE =
            ConfigOption.<ZoneId>structured("server-time-zone", ZONE_ACCEPTED).withDefault(ZoneId.of("UTC"))
                    .withDoc("Zone of TIMESTAMP values, e.g. `Asia/Shanghai`.");
    public static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOption.duration("heartbeat-interval")
            .withDefault(Duration.ofSeconds(30)).withDoc("How often the server sends a heartbeat on a quiet binlog;"
                    + " three missed ones drop the connection.");
    public static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOption.duration("connect-timeout")
            .withDefault(Duration.ofSeconds(30)).withDoc("How long connecting and logging in to the server may take.");
    public static final ConfigOption<Duration> SOCKET_TIMEOUT = ConfigOption.duration("socket-timeout")
            .withDefault(BinlogSourceConfig.DEFAULT_SOCKET_TIMEOUT).withDoc("The longest a metadata query or a"
                    + " snapshot chunk's `SELECT` waits for the server's bytes; on a half-open connection it then fails"
                    + " and the job restores, instead of waiting forever.");
    public static final ConfigOption<ZeroDatePolicy> ZERO_DATE =
            ConfigOption.choice("zero-date", ZeroDatePolicy.class, "zero-date mode").withDefault(ZeroDatePolicy.NULL)
                    .withDoc("What `0000-00-00` becomes: null, or the server's text.");
    public static final ConfigOption<Boolean> BIT1_AS_BOOLEAN = ConfigOption.bool("bit1-as-boolean")
            .withDefault(false).withDoc("`BIT(1)` columns as booleans instead of bytes.");
    public static final ConfigOption<Boolean> SCAN_NEWLY_ADDED_TABLES = ConfigOption.bool("scan-newly-added-tables")
            .withDefault(false).withDoc("`true`: snapshot tables that start to match later: on a restore with wider"
                    + " `tables`/`exclude`, and a populated table renamed into a captured name while the job runs (see"
                    + " *Tables that appear later*); `false`: such tables are only streamed from the binlog. Not with"
                    + " `stop-at` or `startup: snapshot`.");
    public static final ConfigOption<Integer> CHUNK_SIZE = ConfigOption.integer("chunk-size", 1, Integer.MAX_VALUE)
            .withDefault(BinlogSourceConfig.DEFAULT_CHUNK_SIZE).withDoc("Rows per snapshot chunk"
                    + " (`startup: initial` or `snapshot`). Each reader holds one chunk in memory while it reconciles"
                    + " it with the binlog; smaller chunks mean more queries and watermarks, larger ones more memory"
                    + " per reader.");
    public static final ConfigOption<Integer> XA_MAX_ROWS = ConfigOption.integer("xa-max-rows", 1, Integer.MAX_VALUE)
            .withDefault((int) BinlogSourceConfig.DEFAULT_XA_MAX_ROWS).withDoc("The most rows of XA transactions the"
                    + " source holds between `XA PREPARE` and `XA COMMIT` (in memory and in its checkpoints): an XA"
                    + " transaction's rows go out when it commits, and are dropped when it rolls back. Past it the job"
                    + " stops, naming the prepared transactions' count.");
    public static final ConfigOption<XaUnknownCommit> XA_UNKNOWN_COMMIT =
            ConfigOption.choice("xa-unknown-commit", XaUnknownCommit.class, "xa-unknown-commit policy")
                    .withDefault(XaUnknownCommit.FAIL).withDoc("What an `XA COMMIT` does whose `XA PREPARE` lies before"
                            + " the position the job started from (a transaction in flight when it first started, or"
                            + " while its snapshot ran), whose rows cannot be read: `fail` stops the job naming it,"
                            + " `warn` logs it and goes on without its rows. A snapshot chunk reads itself again"
                            + " instead.");
    public static final ConfigOption<Object> KEYS = ConfigOption.structured("keys",
            "a mapping of db.table regexes to key columns, e.g. {\"shop\\\\.audit_log\": [log_id]}")
            .withDoc("Key columns for tables without a primary key: `{\"shop\\\\.audit_log\": [log_id]}`.");
    public static final ConfigOption<Object> OPTIONS = ConfigOption.structured("options",
            "a mapping of option names to values, passed to the source as they are")
            .withDoc("Extra JDBC properties for the source's queries, e.g. `{useSSL: \"true\"}`.");
    public static final ConfigOption<SourceTls> TLS = ConfigOption.<SourceTls>structured("tls",
            "disabled, required, verify-ca, verify-identity or {mode, truststore, truststore-password}")
            .withDoc("None: plain connections. TLS for the binlog and the JDBC connections: `required` (encrypted, certificate not checked),"
                    + " `verify-ca` (checked against the trust store), `verify-identity` (also the host name), or"
                    + " `{mode: verify-identity, truststore: /etc/sluice/mysql-ca.p12, truststore-password:"
                    + " ${env:TRUSTSTORE_PASSWORD}}` (a PKCS12 or JKS file with the server's CA; without one, the"
                    + " JVM's trust store). A failed handshake stops the job naming the trust store.");

    /** Every key, in the reference table's order. */
    public static final List<ConfigOption<?>> ALL = List.of(TYPE, HOSTNAME, PORT, USERNAME, PASSWORD, SERVER_ID,
            TABLES, EXCLUDE, STARTUP, STOP_AT, SERVER_TIME_ZONE, HEARTBEAT_INTERVAL, CONNECT_TIMEOUT, SOCKET_TIMEOUT,
            ZERO_DATE, BIT1_AS_BOOLEAN, SCAN_NEWLY_ADDED_TABLES, CHUNK_SIZE, XA_MAX_ROWS, XA_UNKNOWN_COMMIT, KEYS, OPTIONS, TLS);

    private SourceOptions() {}
}
