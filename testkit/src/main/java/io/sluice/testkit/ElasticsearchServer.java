package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A private Elasticsearch 7.10.2 node on a free loopback port, in its own JVM (started from the
 * test classpath with {@link ElasticsearchMain}), so that it can be stopped, killed and started
 * again like the other servers. Indices get 0 replicas, so a single node is green. Data stays in
 * its directory across restarts; writes are durable once acknowledged (request translog).
 *
 * <p>Tests that only index documents use {@link #shared()} with index names of their own; tests
 * that stop, kill or restart it start their own with {@link #builder()}. Starting takes about 6 s
 * and 350-500 MB of heap.
 */
public final class ElasticsearchServer extends LocalServer {

    private static final SharedServer<ElasticsearchServer> SHARED = new SharedServer<>(() -> builder().start());

    private final List<String> jvmArgs;
    private final Map<String, String> settings;

    private ElasticsearchServer(Path dir, List<String> jvmArgs, Map<String, String> settings) {
        super("elasticsearch", dir);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.settings = new LinkedHashMap<>(settings);
    }

    /** Settings for a new server; {@link Builder#start()} launches it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server shared by every test in this JVM, started on first use and deleted when the JVM
     * exits. It cannot be stopped or killed, and {@link #close()} on it does nothing.
     */
    public static ElasticsearchServer shared() {
        return SHARED.get();
    }

    /** {@code http://127.0.0.1:<port>}, for clients. */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    /**
     * Sends one HTTP request to the node and returns the response body; throws with the body for
     * a status of 300 or more.
     *
     * @param method GET, PUT, POST, DELETE or HEAD
     * @param path such as {@code /orders/_refresh}
     * @param json a request body, or null
     */
    public String request(String method, String path, String json) {
        try {
            return http(port(), method, path, json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on " + this + " failed", e);
        }
    }

    @Override
    List<String> command(int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ElasticsearchMain.class.getName());
        command.add(directory().resolve("home").toString());
        command.add(Integer.toString(port));
        settings.forEach((name, value) -> command.add(name + "=" + value));
        return command;
    }

    @Override
    void checkReady(int port) throws IOException {
        http(port, "GET", "/_template/" + ElasticsearchMain.TEMPLATE, null);
        http(port, "GET", "/_cluster/health?wait_for_status=yellow&timeout=5s", null);
    }

    @Override
    Path outputLog() {
        return directory().resolve("elasticsearch.log");
    }

    private static String http(int port, String method, String path, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + Ports.LOOPBACK + ":" + port + path).toURL()
                .openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(30_000);
        c.setRequestMethod(method);
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        c.disconnect();
        if (status >= 300) {
            throw new IOException(method + " " + path + " returned " + status + ": " + body);
        }
        return body;
    }

    /** Settings for a new {@link ElasticsearchServer}. */
    public static final class Builder {
        private final List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss1m",
                "-Dlog4j2.disable.jmx=true", "-Des.set.netty.runtime.available.processors=false",
                "-Dio.netty.noUnsafe=true", "-Dio.netty.allocator.numDirectArenas=0"));

        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {}

        /**
         * A node setting (elasticsearch.yml), e.g. {@code thread_pool.write.queue_size} = {@code 1};
         * applied after the defaults, so it may override them.
         */
        public Builder setting(String name, String value) {
            if (name == null || name.isBlank() || name.contains("=")) {
                throw new IllegalArgumentException("a setting name must be non-empty and have no '=': " + name);
            }
            settings.put(name, Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /** More JVM options for the node's JVM, appended after the defaults (e.g. {@code -Xmx1g}). */
        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /** Starts the node in a fresh directory and waits until it answers (about 6 s). */
        public ElasticsearchServer start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("sluice-elasticsearch-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            ElasticsearchServer server = new ElasticsearchServer(dir, jvmArgs, settings);
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
