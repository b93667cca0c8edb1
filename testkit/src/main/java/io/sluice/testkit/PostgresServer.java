package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL on a free loopback port with a temporary data directory, trust
 * authentication and superuser {@code postgres} without a password.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root, the directory is handed to the OS
 * user {@code postgres} and both {@code initdb} and {@code postgres} run as that user through
 * {@code setpriv}, which execs the binary in place: the {@link Process} started here is the
 * postmaster itself, so stop and kill reach it directly. ({@code runuser} would stay in between
 * as the parent, and a SIGKILL to it would leave the postmaster running as an orphan.)
 *
 * <p>Durability settings are relaxed for speed ({@code fsync=off}); committed data survives a
 * {@link #kill()} of the server, not a crash of the machine. {@code max_prepared_transactions} is
 * set so that XA sinks work.
 */
public final class PostgresServer extends LocalServer {

    static final String MISSING_BINARY_HINT =
            "run scripts/setup.sh (it installs postgresql with apt-get)";

    private static final String OS_USER = "postgres";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    private static final SharedServer<PostgresServer> SHARED = new SharedServer<>(() -> builder().start());

    private final Path binDir;
    private final boolean asOsUser;
    private final List<String> extraArgs;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path binDir, Path dir, boolean asOsUser, List<String> extraArgs) {
        super("postgres", dir);
        this.binDir = binDir;
        this.asOsUser = asOsUser;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Settings for a new server; {@link Builder#start()} launches it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server shared by every test in this JVM, started on first use and deleted when the JVM
     * exits. It cannot be stopped or killed, and {@link #close()} on it does nothing.
     */
    public static PostgresServer shared() {
        return SHARED.get();
    }

    /** The cluster's data directory ({@code PGDATA}). */
    public Path dataDir() {
        return directory().resolve("data");
    }

    /** The last 40 lines of the server's log. */
    public String logTail() {
        return Processes.tail(outputLog(), 40);
    }

    /** Always {@code postgres}. */
    public String user() {
        return "postgres";
    }

    /** Always empty: authentication is {@code trust}. */
    public String password() {
        return "";
    }

    /** A pgjdbc URL for {@code database}; pass {@link #user()} separately. */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** A new connection as {@code postgres} to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /** Runs statements in order on one autocommit connection to {@code database}. */
    public void execute(String database, String... sql) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a database named {@code prefix_N} (lower-cased, as PostgreSQL folds unquoted names;
     * N unique on this server) and returns its name.
     */
    public String createDatabase(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "database prefix must match " + PREFIX.pattern() + ", got: " + prefix);
        }
        String name = prefix.toLowerCase() + "_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    @Override
    List<String> command(int port) {
        List<String> command = asOsUser();
        command.add(binDir.resolve("postgres").toString());
        command.addAll(
                List.of(
                        "-D", dataDir().toString(),
                        "-p", Integer.toString(port),
                        // The default socket directory (/var/run/postgresql) may not exist.
                        "-k", directory().toString(),
                        "-c", "listen_addresses=" + Ports.LOOPBACK,
                        "-c", "fsync=off",
                        "-c", "full_page_writes=off",
                        "-c", "max_connections=200",
                        "-c", "max_prepared_transactions=100"));
        command.addAll(extraArgs);
        return command;
    }

    @Override
    void checkReady(int port) throws SQLException {
        String url = "jdbc:postgresql://" + host() + ":" + port + "/postgres?connectTimeout=2";
        try (Connection connection = DriverManager.getConnection(url, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    @Override
    Path outputLog() {
        return directory().resolve("postgres.log");
    }

    /** SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to disconnect. */
    @Override
    void requestShutdown(Process running) {
        Processes.run(
                List.of("kill", "-INT", Long.toString(running.pid())),
                directory(),
                directory().resolve("kill.log"),
                Duration.ofSeconds(10));
    }

    private List<String> asOsUser() {
        List<String> prefix = new ArrayList<>();
        if (asOsUser) {
            prefix.addAll(
                    List.of(
                            "setpriv",
                            "--reuid=" + OS_USER,
                            "--regid=" + OS_USER,
                            "--init-groups"));
        }
        return prefix;
    }

    /** Finds the newest {@code /usr/lib/postgresql/<version>/bin}, else the PATH's postgres. */
    private static Path findBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest =
                        versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                                .filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                                .max(Comparator.comparingDouble(
                                        v -> Double.parseDouble(v.getFileName().toString())))
                                .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return Processes.findExecutable("postgres", List.of(), MISSING_BINARY_HINT).getParent();
    }

    /** Settings for a new {@link PostgresServer}. */
    public static final class Builder {
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {}

        /** More {@code postgres} options (e.g. {@code "-c", "wal_level=logical"}), appended last. */
        public Builder extraArgs(String... args) {
            for (String arg : args) {
                extraArgs.add(Objects.requireNonNull(arg, "extra argument"));
            }
            return this;
        }

        /** Runs {@code initdb} in a fresh directory, starts the server and waits until it answers. */
        public PostgresServer start() {
            Path binDir = findBinDir();
            boolean asOsUser = Processes.runningAsRoot();
            Path dir;
            try {
                dir = Files.createTempDirectory("sluice-postgres-");
                if (asOsUser) {
                    giveToOsUser(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a temporary directory for postgres", e);
            }
            PostgresServer server = new PostgresServer(binDir, dir, asOsUser, extraArgs);
            try {
                List<String> initdb = server.asOsUser();
                initdb.addAll(
                        List.of(
                                binDir.resolve("initdb").toString(),
                                "-D", server.dataDir().toString(),
                                "-U", "postgres",
                                "--auth=trust",
                                "--encoding=UTF8",
                                "--locale=C",
                                "--no-sync"));
                Processes.run(initdb, dir, dir.resolve("initdb.log"), Duration.ofSeconds(120));
                server.start();
                return server;
            } catch (RuntimeException e) {
                server.closeNow();
                throw e;
            }
        }

        private static void giveToOsUser(Path dir) throws IOException {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            try {
                view.setOwner(lookup.lookupPrincipalByName(OS_USER));
                GroupPrincipal group = lookup.lookupPrincipalByGroupName(OS_USER);
                view.setGroup(group);
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
                throw new IllegalStateException(
                        "running as root, but there is no OS user " + OS_USER
                                + " to run postgres as: " + MISSING_BINARY_HINT, e);
            }
        }
    }
}
