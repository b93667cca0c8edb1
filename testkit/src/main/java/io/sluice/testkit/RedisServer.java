package io.sluice.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A private Redis 7 on a free loopback port with persistence off: a restart starts empty.
 *
 * <p>Tests that only read and write keys use {@link #shared()} (with key prefixes of their own);
 * tests that stop, kill or restart Redis start their own with {@link #builder()}.
 */
public final class RedisServer extends LocalServer {

    static final String MISSING_BINARY_HINT =
            "run scripts/setup.sh (it installs redis-server with apt-get)";

    private static final SharedServer<RedisServer> SHARED = new SharedServer<>(() -> builder().start());

    private final Path redisServer;
    private final String password;
    private final List<String> extraArgs;
    private final TlsFiles tls;

    private RedisServer(Path redisServer, Path dir, String password, List<String> extraArgs, TlsFiles tls) {
        super("redis", dir);
        this.redisServer = redisServer;
        this.password = password;
        this.extraArgs = List.copyOf(extraArgs);
        this.tls = tls;
    }

    /** Settings for a new server; {@link Builder#start()} launches it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server shared by every test in this JVM (no password), started on first use and deleted
     * when the JVM exits. It cannot be stopped or killed, and {@link #close()} on it does nothing.
     */
    public static RedisServer shared() {
        return SHARED.get();
    }

    /** The {@code requirepass} password, if one was set. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * The certificates of a server started with {@link Builder#tls()}: it then accepts only TLS
     * connections on {@link #port()}, with a server certificate for {@code 127.0.0.1} signed by a
     * throwaway CA ({@link TlsFiles#truststore()} trusts it); clients need no certificate.
     */
    public Optional<TlsFiles> tls() {
        return Optional.ofNullable(tls);
    }

    /** The working directory ({@code --dir}), which also holds the server's log. */
    public Path dir() {
        return directory();
    }

    @Override
    List<String> command(int port) {
        List<String> command = new ArrayList<>();
        command.add(redisServer.toString());
        command.addAll(
                List.of(
                        "--port", tls == null ? Integer.toString(port) : "0",
                        "--bind", Ports.LOOPBACK,
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--dir", directory().toString(),
                        "--protected-mode", "no"));
        if (tls != null) {
            command.addAll(List.of(
                    "--tls-port", Integer.toString(port),
                    "--tls-cert-file", tls.serverCertificate().toString(),
                    "--tls-key-file", tls.serverKey().toString(),
                    "--tls-ca-cert-file", tls.caCertificate().toString(),
                    "--tls-auth-clients", "no"));
        }
        if (password != null) {
            command.add("--requirepass");
            command.add(password);
        }
        command.addAll(extraArgs);
        return command;
    }

    @Override
    void checkReady(int port) throws Exception {
        Socket plain = new Socket();
        try (plain; Socket socket = tls == null ? plain : tls.clientContext().getSocketFactory()
                .createSocket(connect(plain, port), host(), port, true)) {
            if (tls == null) {
                connect(plain, port);
            }
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (password != null) {
                out.write(resp("AUTH", password));
                out.flush();
                expect(in, "+OK");
            }
            out.write(resp("PING"));
            out.flush();
            expect(in, "+PONG");
        }
    }

    private Socket connect(Socket socket, int port) throws IOException {
        socket.connect(new InetSocketAddress(host(), port), 1000);
        return socket;
    }

    @Override
    Path outputLog() {
        return directory().resolve("redis.log");
    }

    /** Encodes a command as a RESP array of bulk strings, so arguments may hold any bytes. */
    private static byte[] resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(BufferedReader in, String expected) throws IOException {
        String reply = in.readLine();
        if (!expected.equals(reply)) {
            throw new IOException("expected " + expected + " from redis, got: " + reply);
        }
    }

    /** Settings for a new {@link RedisServer}. */
    public static final class Builder {
        private String password;
        private final List<String> extraArgs = new ArrayList<>();
        private boolean tls;

        private Builder() {}

        /**
         * Serves TLS only (no plain port), with certificates generated at start by {@code openssl};
         * see {@link RedisServer#tls()}.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Sets {@code requirepass}; clients must {@code AUTH} with it. */
        public Builder password(String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("password must not be empty");
            }
            this.password = value;
            return this;
        }

        /** More {@code redis-server} options (e.g. {@code "--maxmemory", "64mb"}), appended last. */
        public Builder extraArgs(String... args) {
            for (String arg : args) {
                extraArgs.add(Objects.requireNonNull(arg, "extra argument"));
            }
            return this;
        }

        /** Starts the server in a fresh directory and waits until it answers PING. */
        public RedisServer start() {
            Path binary =
                    Processes.findExecutable(
                            "redis-server",
                            List.of(Path.of("/usr/bin/redis-server")),
                            MISSING_BINARY_HINT);
            Path dir;
            try {
                dir = Files.createTempDirectory("sluice-redis-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            RedisServer server;
            try {
                server = new RedisServer(binary, dir, password, extraArgs, tls ? TlsFiles.generate(dir.resolve("tls")) : null);
            } catch (RuntimeException e) {
                Processes.deleteRecursively(dir);
                throw e;
            }
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
