package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A private single-node Kafka 4 broker in KRaft mode (broker and controller in one JVM) on free
 * loopback ports, started from the Kafka server jars whose classpath the {@code testkit-kafka}
 * module writes, so that it can be stopped, killed ({@code kill -9}) and started again like the
 * other servers. Its log directory stays across restarts; topics have one replica, and the
 * internal topics (offsets, transactions) are made for one broker.
 *
 * <p>Tests that only produce and consume use {@link #shared()} with topic names of their own;
 * tests that stop or kill it start their own with {@link #builder()}. Starting takes a few
 * seconds and about 200 MB of heap.
 */
public final class KafkaServer extends LocalServer {

    /** Where the broker's classpath file is found, unless the system property says otherwise. */
    static final String CLASSPATH_FILE = "testkit-kafka/target/classpath.txt";
    /** The system property that may name the classpath file. */
    public static final String CLASSPATH_PROPERTY = "sluice.kafka.classpath";

    private static final String READY_LINE = "Kafka Server started";
    private static final SharedServer<KafkaServer> SHARED = new SharedServer<>(() -> builder().start());

    private final Map<String, String> settings;
    private int controllerPort;
    private final String clusterId;
    /** The output log's length when the running process was launched: readiness is read after it. */

    private KafkaServer(Path dir, Map<String, String> settings) {
        super("kafka", dir);
        this.settings = new LinkedHashMap<>(settings);
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        this.clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** Settings for a new broker; {@link Builder#start()} launches it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The broker shared by every test in this JVM, started on first use and deleted when the JVM
     * exits. It cannot be stopped or killed, and {@link #close()} on it does nothing.
     */
    public static KafkaServer shared() {
        return SHARED.get();
    }

    /** {@code 127.0.0.1:<port>}, the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host() + ":" + port();
    }

    /**
     * The command line that runs one of Kafka's tools (a main class from the broker's classpath,
     * e.g. {@code org.apache.kafka.tools.ProducerPerformance}) in a JVM of its own.
     */
    public List<String> toolCommand(String mainClass, List<String> args) {
        List<String> command = java(classpath(), mainClass);
        command.addAll(args);
        return command;
    }

    @Override
    List<String> command(int port) {
        Path properties = directory().resolve("server.properties");
        if (controllerPort == 0) {
            controllerPort = Ports.freeLoopbackPort();
        }
        try {
            Files.writeString(properties, properties(port), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
        String classpath = classpath();
        if (!Files.exists(directory().resolve("data").resolve("meta.properties"))) {
            List<String> format = java(classpath, "kafka.tools.StorageTool");
            format.addAll(List.of("format", "-t", clusterId, "-c", properties.toString()));
            Processes.run(format, directory(), outputLog(), Duration.ofSeconds(60));
        }
        List<String> command = java(classpath, "kafka.Kafka");
        command.add(properties.toString());
        return command;
    }

    private static List<String> java(String classpath, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss1m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn", "-Dorg.slf4j.simpleLogger.log.kafka=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }

    private String properties(int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", directory().resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.putAll(settings);
        StringBuilder text = new StringBuilder();
        p.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** The broker's classpath, as the testkit-kafka module wrote it. */
    private static String classpath() {
        String configured = System.getProperty(CLASSPATH_PROPERTY);
        Path file = configured != null ? Path.of(configured) : findUp(Path.of("").toAbsolutePath());
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("the Kafka broker's classpath file " + (file == null ? CLASSPATH_FILE : file)
                    + " is missing; build it with `mvn -pl testkit-kafka generate-resources` (the full build "
                    + "does), or set -D" + CLASSPATH_PROPERTY + "=<file>");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path findUp(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CLASSPATH_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    void checkReady(int port) throws IOException {
        requireLoggedAndListening(READY_LINE, port);
    }

    @Override
    Path outputLog() {
        return directory().resolve("kafka.log");
    }

    @Override
    public String toString() {
        return "kafka[" + host() + ":" + port() + " controller " + controllerPort + ", " + directory() + "]";
    }

    /** Settings for a new {@link KafkaServer}. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {}

        /** A broker setting (server.properties), e.g. {@code auto.create.topics.enable} = {@code false}. */
        public Builder setting(String name, String value) {
            if (name == null || name.isBlank() || name.contains("=")) {
                throw new IllegalArgumentException("a setting name must be non-empty and have no '=': " + name);
            }
            settings.put(name, Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /** Starts the broker in a fresh directory and waits until it answers. */
        public KafkaServer start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("sluice-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            KafkaServer server = new KafkaServer(dir, settings);
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
