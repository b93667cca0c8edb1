package io.sluice.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A private MariaDB 10.11 on a free loopback port, with a temporary data directory and the binlog
 * settings Sluice reads: ROW format, FULL row image, FULL (or MINIMAL) row metadata, GTIDs.
 *
 * <p>Tests that only read and write data use {@link #shared()} and {@link #createDatabase} for a
 * database of their own; tests that stop, kill or restart the server start their own with {@link
 * #builder()} and close it.
 *
 * <pre>{@code
 * try (MariaDbServer db = MariaDbServer.builder().rowMetadata("MINIMAL").start()) {
 *     String schema = db.createDatabase("orders");
 *     db.execute(schema, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
 *     db.kill();
 *     db.start(); // same port, same data
 * }
 * }</pre>
 */
public final class MariaDbServer extends LocalServer {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);


    static final String MISSING_BINARY_HINT =
            "run scripts/setup.sh (it installs mariadb-server with apt-get)";

    private static final String JDBC_OPTIONS =
            "useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Pattern ROW_METADATA = Pattern.compile("FULL|MINIMAL");

    private static final SharedServer<MariaDbServer> SHARED = new SharedServer<>(() -> builder().start());

    private final Path mariadbd;
    private final List<String> serverArgs;
    private final AtomicInteger databases = new AtomicInteger();

    private MariaDbServer(Path mariadbd, Path dataDir, List<String> serverArgs) {
        super("mariadb", dataDir);
        this.mariadbd = mariadbd;
        this.serverArgs = List.copyOf(serverArgs);
    }

    /** Settings for a new server; {@link Builder#start()} launches it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server shared by every test in this JVM, started on first use and deleted when the JVM
     * exits. It cannot be stopped or killed, and {@link #close()} on it does nothing.
     */
    public static MariaDbServer shared() {
        return SHARED.get();
    }

    /** The data directory, which also holds {@code binlog.*} and {@code error.log}. */
    public Path dataDir() {
        return directory();
    }

    /** The last 40 lines of the server's error log. */
    public String errorLogTail() {
        return Processes.tail(dataDir().resolve("error.log"), 40);
    }

    /** Always {@code root}: {@code root@127.0.0.1} exists after install. */
    public String user() {
        return "root";
    }

    /** Always empty: root has no password. */
    public String password() {
        return "";
    }

    /** A mysql-connector-j URL with no default database. */
    public String jdbcUrl() {
        return jdbcUrl("");
    }

    /**
     * A mysql-connector-j URL for {@code database}, with SSL off and batched statements rewritten
     * (the fast path for JDBC sinks).
     */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return "jdbc:mysql://" + host() + ":" + port() + "/" + database + "?" + JDBC_OPTIONS;
    }

    /** A new connection as root with no default database. */
    public Connection connect() throws SQLException {
        return connect("");
    }

    /** A new connection as root to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /**
     * Runs statements in order on one connection (autocommit) in {@code database}, or with no
     * default database if it is null.
     */
    public void execute(String database, String... sql) {
        try (Connection connection = connect(database == null ? "" : database);
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * The binlog's end now, as a job file's start position: {@code {file: binlog.000001, position: 1234}},
     * so a job reads exactly what is written after this call.
     */
    public String binlogEndAsStartup() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                java.sql.ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
            if (!status.next()) {
                throw new IllegalStateException("SHOW MASTER STATUS returned no row on " + this + "; is the binlog on?");
            }
            return "{file: " + status.getString(1) + ", position: " + status.getLong(2) + "}";
        } catch (SQLException e) {
            throw new IllegalStateException("SHOW MASTER STATUS failed on " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a database named {@code prefix_N} (lower-cased, N unique on this server) and returns
     * its name.
     *
     * @param prefix a letter, then letters, digits or underscores; at most 40 characters
     */
    public String createDatabase(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "database prefix must match " + PREFIX.pattern() + ", got: " + prefix);
        }
        String name = prefix.toLowerCase() + "_" + databases.incrementAndGet();
        execute(null, "CREATE DATABASE `" + name + "`");
        return name;
    }

    /**
     * Creates {@code user@'%'} with a password and runs one {@code GRANT <grant> TO user} per
     * grant, e.g. {@code "REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.*"}.
     */
    public void createUser(String user, String password, String... grants) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("user must not be empty");
        }
        String account = quote(user) + "@'%'";
        List<String> sql = new ArrayList<>();
        sql.add("CREATE USER " + account + " IDENTIFIED BY " + quote(password == null ? "" : password));
        for (String grant : grants) {
            sql.add("GRANT " + grant + " TO " + account);
        }
        execute(null, sql.toArray(String[]::new));
    }

    @Override
    List<String> command(int port) {
        Path dir = dataDir();
        List<String> command = new ArrayList<>();
        command.add(mariadbd.toString());
        command.add("--no-defaults");
        command.add("--user=root");
        command.add("--datadir=" + dir);
        command.add("--port=" + port);
        command.add("--bind-address=" + Ports.LOOPBACK);
        command.add("--socket=" + dir.resolve("mariadbd.sock"));
        command.add("--log-error=" + dir.resolve("error.log"));
        command.add("--log-bin=" + dir.resolve("binlog"));
        command.addAll(serverArgs);
        return command;
    }

    @Override
    void checkReady(int port) throws SQLException {
        String url = "jdbc:mysql://" + host() + ":" + port + "/?" + JDBC_OPTIONS + "&connectTimeout=2000";
        try (Connection connection = DriverManager.getConnection(url, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    @Override
    Path outputLog() {
        return dataDir().resolve("mariadbd.out");
    }

    @Override
    String diagnostics() {
        return errorLogTail() + "\n--- stdout/stderr ---\n" + Processes.tail(outputLog(), 10);
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Settings for a new {@link MariaDbServer}. */
    public static final class Builder {
        private String rowMetadata = "FULL";
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {}

        /** {@code binlog_row_metadata}: {@code FULL} (default) or {@code MINIMAL}. */
        public Builder rowMetadata(String value) {
            if (value == null || !ROW_METADATA.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        "rowMetadata must be FULL or MINIMAL, got: " + value);
            }
            this.rowMetadata = value;
            return this;
        }

        /** More {@code mariadbd} options, appended after the defaults so they win. */
        public Builder extraArgs(String... args) {
            for (String arg : args) {
                extraArgs.add(Objects.requireNonNull(arg, "extra argument"));
            }
            return this;
        }

        /** Installs a fresh data directory, starts the server and waits until it answers. */
        public MariaDbServer start() {
            Path mariadbd =
                    Processes.findExecutable(
                            "mariadbd", List.of(Path.of("/usr/sbin/mariadbd")), MISSING_BINARY_HINT);
            Path installDb =
                    Processes.findExecutable(
                            "mariadb-install-db",
                            List.of(Path.of("/usr/bin/mariadb-install-db")),
                            MISSING_BINARY_HINT);
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("sluice-mariadb-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary data directory", e);
            }
            MariaDbServer server = new MariaDbServer(mariadbd, dataDir, serverArgs());
            try {
                install(installDb, dataDir);
                server.start();
                return server;
            } catch (RuntimeException e) {
                server.closeNow();
                throw e;
            }
        }

        /**
         * Creates the system tables; tried twice, as a crowded machine (many servers starting at
         * once) has been seen to abort it once.
         */
        private static void install(Path installDb, Path dataDir) {
            List<String> command = List.of(
                    installDb.toString(),
                    "--no-defaults",
                    "--user=root",
                    "--datadir=" + dataDir,
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                    "--innodb-use-native-aio=0");
            for (int attempt = 1; ; attempt++) {
                try {
                    Processes.run(command, dataDir, dataDir.resolve("install.log"), Duration.ofSeconds(120));
                    return;
                } catch (IllegalStateException e) {
                    if (attempt == 2) {
                        throw e;
                    }
                    LOG.warn("mariadb-install-db failed in {}; trying once more: {}", dataDir, e.getMessage());
                    Processes.deleteRecursively(dataDir);
                    try {
                        Files.createDirectories(dataDir);
                    } catch (IOException io) {
                        throw new UncheckedIOException("cannot recreate " + dataDir, io);
                    }
                }
            }
        }

        private List<String> serverArgs() {
            List<String> args = new ArrayList<>();
            args.add("--server-id=1");
            args.add("--binlog-format=ROW");
            args.add("--binlog-row-image=FULL");
            args.add("--binlog-row-metadata=" + rowMetadata);
            args.add("--skip-name-resolve");
            args.add("--innodb-flush-log-at-trx-commit=2");
            args.add("--sync-binlog=0");
            args.add("--innodb-buffer-pool-size=256M");
            // native AIO contexts are a machine-wide limit that many test servers can exhaust
            args.add("--innodb-use-native-aio=0");
            args.add("--max-connections=500");
            args.add("--max-allowed-packet=256M");
            args.add("--character-set-server=utf8mb4");
            args.add("--collation-server=utf8mb4_general_ci");
            args.addAll(extraArgs);
            return args;
        }
    }
}
