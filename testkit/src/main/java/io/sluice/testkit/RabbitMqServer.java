package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private RabbitMQ node (Debian's {@code rabbitmq-server}) on free loopback ports, with its own
 * node name, Erlang cookie, data and log folders, and its own Erlang port mapper ({@code epmd}) on
 * a free port, which {@link #close()} stops. User {@code guest}/{@code guest} may connect over
 * loopback. Queues and persistent messages survive a restart and a kill.
 *
 * <p>Tests that only publish and consume use {@link #shared()} with exchanges and queues of their
 * own; tests that stop or kill it start their own with {@link #builder()}. Starting takes about
 * 5-10 s.
 */
public final class RabbitMqServer extends LocalServer {

    static final String MISSING_BINARY_HINT = "run scripts/setup.sh (it installs rabbitmq-server with apt-get)";
    private static final String READY_LINE = "Server startup complete";
    private static final SharedServer<RabbitMqServer> SHARED = new SharedServer<>(() -> builder().start());

    private final Path rabbitmqServer;
    private int distributionPort;
    private int epmdPort;

    private RabbitMqServer(Path rabbitmqServer, Path dir) {
        super("rabbitmq", dir);
        this.rabbitmqServer = rabbitmqServer;
    }

    /** A new node's settings; {@link Builder#start()} launches it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The node shared by every test in this JVM, started on first use and deleted when the JVM
     * exits. It cannot be stopped or killed, and {@link #close()} on it does nothing.
     */
    public static RabbitMqServer shared() {
        return SHARED.get();
    }

    /** The user that may connect (over loopback only). */
    public String username() {
        return "guest";
    }

    public String password() {
        return "guest";
    }

    @Override
    List<String> command(int port) {
        if (distributionPort == 0) {
            distributionPort = Ports.freeLoopbackPort();
            epmdPort = Ports.freeLoopbackPort();
        }
        Path dir = directory();
        try {
            Files.createDirectories(dir.resolve("mnesia"));
            Files.createDirectories(dir.resolve("log"));
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.default = " + Ports.LOOPBACK + ":" + port
                    + "\nloopback_users.guest = true\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        List<String> command = new ArrayList<>(List.of("env",
                "HOME=" + dir,
                "RABBITMQ_NODENAME=sluice" + port + "@localhost",
                "RABBITMQ_NODE_IP_ADDRESS=" + Ports.LOOPBACK,
                "RABBITMQ_NODE_PORT=" + port,
                "RABBITMQ_DIST_PORT=" + distributionPort,
                "ERL_EPMD_PORT=" + epmdPort,
                "ERL_EPMD_ADDRESS=" + Ports.LOOPBACK,
                "RABBITMQ_MNESIA_BASE=" + dir.resolve("mnesia"),
                "RABBITMQ_LOG_BASE=" + dir.resolve("log"),
                "RABBITMQ_LOGS=-",
                "RABBITMQ_CONFIG_FILE=" + dir.resolve("rabbitmq.conf"),
                "RABBITMQ_ENABLED_PLUGINS_FILE=" + dir.resolve("enabled_plugins"),
                "RABBITMQ_PID_FILE=" + dir.resolve("rabbitmq.pid")));
        command.add(rabbitmqServer.toString());
        return command;
    }

    @Override
    void checkReady(int port) throws IOException {
        requireLoggedAndListening(READY_LINE, port);
    }

    @Override
    Path outputLog() {
        return directory().resolve("rabbitmq.log");
    }

    /** The node starts an {@code epmd} on its private port, which outlives it: ask that one to exit. */
    @Override
    void afterLastStop() {
        if (epmdPort != 0) {
            try {
                Processes.run(List.of("epmd", "-port", Integer.toString(epmdPort), "-kill"), directory(),
                        directory().resolve("epmd.log"), Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                // it was not running (the node never got that far)
            }
        }
    }

    /** Settings for a new {@link RabbitMqServer}. */
    public static final class Builder {
        private Builder() {}

        /** Starts the node in a fresh directory and waits until it takes connections. */
        public RabbitMqServer start() {
            Path binary = Processes.findExecutable("rabbitmq-server",
                    List.of(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server")), MISSING_BINARY_HINT);
            Path dir;
            try {
                dir = Files.createTempDirectory("sluice-rabbitmq-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            RabbitMqServer server = new RabbitMqServer(binary, dir);
            try {
                server.start();
                return server;
            } catch (RuntimeException e) {
                server.closeNow();
                throw e;
            }
        }
    }
}
