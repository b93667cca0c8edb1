package io.sluice.bench.sinks;

import io.sluice.testkit.ElasticsearchServer;
import io.sluice.testkit.KafkaServer;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.RedisServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The target servers of the measured sinks (real Redis 7, a second MariaDB, Elasticsearch 7.10.2,
 * started by the testkit), and per sink: the job file's sink entry, emptying the target before a
 * run, and checking after it that the target holds every row with its last values.
 */
final class Targets implements AutoCloseable {
    static final String REDIS_KEY_PREFIX = "row:";
    static final String JDBC_DATABASE = "sinkbench_target";
    static final String JDBC_TABLE = "rows_copy";
    static final String ES_INDEX = "sinkbench-rows";
    /** Rows whose values are compared with the source after each run, spread over the id range. */
    private static final int SAMPLES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<SinkKind, AutoCloseable> servers = new EnumMap<>(SinkKind.class);
    private KafkaServer kafka;
    private final String esHeap;
    private final int esMaxInFlight;
    private final String esIndexSettings;
    private final String jdbcUrlOptions;

    /**
     * @param esHeap the Elasticsearch node's heap ({@code -Xms} and {@code -Xmx})
     * @param esMaxInFlight the Elasticsearch sink's {@code bulk.max-in-flight}, 0 for its default
     * @param esIndexSettings more index settings as JSON members ({@code "index.refresh_interval":"30s"}), or empty
     * @param jdbcUrlOptions more JDBC URL properties ({@code a=b&c=d}) after the testkit's, or empty
     */
    Targets(List<SinkKind> kinds, String esHeap, int esMaxInFlight, String esIndexSettings, String jdbcUrlOptions) {
        this.jdbcUrlOptions = jdbcUrlOptions;
        this.esHeap = esHeap;
        this.esMaxInFlight = esMaxInFlight;
        this.esIndexSettings = esIndexSettings;
        try {
            for (SinkKind kind : kinds) {
                servers.put(kind, switch (kind) {
                    case REDIS -> RedisServer.builder().start();
                    case JDBC -> MariaDbServer.builder().extraArgs("--innodb-buffer-pool-size=512M").start();
                    case ELASTICSEARCH -> ElasticsearchServer.builder().jvmArgs("-Xms" + esHeap, "-Xmx" + esHeap).start();
                    // both Kafka kinds write to one broker
                    case KAFKA, KAFKA_EXACTLY_ONCE -> kafka != null ? kafka : (kafka = KafkaServer.builder().start());
                });
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** What each target runs, for the report. */
    String describe() {
        List<String> parts = new ArrayList<>();
        servers.forEach((kind, server) -> parts.add(switch (kind) {
            case REDIS -> "Redis 7 (no persistence) on port " + redis().port();
            case JDBC -> "MariaDB (InnoDB, 512 MB buffer pool) on port " + mariaDb().port();
            case ELASTICSEARCH -> "Elasticsearch 7.10.2 (one node, -Xmx" + esHeap + ", index with 1 shard and 0 replicas"
                    + (esIndexSettings.isEmpty() ? "" : ", " + esIndexSettings) + ") on port " + elasticsearch().port();
            case KAFKA, KAFKA_EXACTLY_ONCE -> "Kafka 4.0.2 (one KRaft node, topic with 1 partition) on port "
                    + kafka.port() + " for " + kind.label();
        }));
        return String.join("; ", parts);
    }

    /** The job file's entry for the sink of {@code kind}, reading {@code from}. */
    String sinkEntry(SinkKind kind, String from) {
        return switch (kind) {
            case REDIS -> "  - {type: redis, name: bench-redis, from: " + from + ", host: " + redis().host()
                    + ", port: " + redis().port() + ", key: \"" + REDIS_KEY_PREFIX + "{id}\"}\n";
            case JDBC -> "  - {type: jdbc, name: bench-jdbc, from: " + from + ", url: \""
                    + mariaDb().jdbcUrl(JDBC_DATABASE)
                    + (jdbcUrlOptions.isEmpty() ? "" : "&" + jdbcUrlOptions) + "\", username: " + mariaDb().user()
                    + ", password: \"" + mariaDb().password() + "\", table: " + JDBC_TABLE + "}\n";
            case ELASTICSEARCH -> "  - {type: elasticsearch, name: bench-es, from: " + from + ", hosts: [\""
                    + elasticsearch().url() + "\"], index: " + ES_INDEX
                    + (esMaxInFlight > 0 ? ", bulk: {max-in-flight: " + esMaxInFlight + "}" : "") + "}\n";
            case KAFKA, KAFKA_EXACTLY_ONCE -> "  - {type: kafka, name: bench-kafka, from: " + from
                    + ", bootstrap-servers: \"" + kafka.bootstrapServers() + "\", topic: " + topic(kind)
                    + ", format: json, delivery: " + (kind == SinkKind.KAFKA ? "at-least-once" : "exactly-once") + "}\n";
        };
    }

    /** Empties the target of {@code kind} and creates what the sink expects to find. */
    void reset(SinkKind kind) throws SQLException {
        switch (kind) {
            case REDIS -> {
                try (Jedis jedis = new Jedis(redis().host(), redis().port())) {
                    jedis.flushAll();
                }
            }
            case JDBC -> mariaDb().execute("", "DROP DATABASE IF EXISTS " + JDBC_DATABASE,
                    "CREATE DATABASE " + JDBC_DATABASE,
                    "CREATE TABLE " + JDBC_DATABASE + "." + JDBC_TABLE + " (" + SourceRows.COLUMNS + ") ENGINE=InnoDB");
            case KAFKA, KAFKA_EXACTLY_ONCE -> KafkaTopics.recreate(kafka, topic(kind));
            case ELASTICSEARCH -> {
                elasticsearch().request("DELETE", "/" + ES_INDEX + "?ignore_unavailable=true", null);
                elasticsearch().request("PUT", "/" + ES_INDEX,
                        "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0"
                                + (esIndexSettings.isEmpty() ? "" : "," + esIndexSettings) + "}}");
            }
        }
    }

    /**
     * Checks that the target holds exactly the range's rows, and that sampled rows have their last
     * values (name and status, so the updates arrived too).
     *
     * @return the number of rows (keys, documents) the target holds
     * @throws IllegalStateException naming what is wrong
     */
    long verify(SinkKind kind, SourceRows.Range range) throws SQLException {
        if (kind.isKafka()) {
            // a message per change: what a read_committed consumer sees, none lost and none twice
            long messages = KafkaTopics.committedMessages(kafka, topic(kind));
            if (messages != range.changes()) {
                throw new IllegalStateException(kind.label() + ": the topic holds " + messages + " committed messages,"
                        + " expected " + range.changes());
            }
            return messages;
        }
        long count = switch (kind) {
            case REDIS -> {
                try (Jedis jedis = new Jedis(redis().host(), redis().port())) {
                    for (long id : samples(range)) {
                        Map<String, String> hash = jedis.hgetAll(REDIS_KEY_PREFIX + id);
                        check(kind, id, hash.get("name"), hash.get("status"), range);
                    }
                    yield jedis.dbSize();
                }
            }
            case JDBC -> {
                try (Connection c = mariaDb().connect(JDBC_DATABASE); Statement s = c.createStatement()) {
                    for (long id : samples(range)) {
                        try (ResultSet rs = s.executeQuery("SELECT name, status FROM " + JDBC_TABLE + " WHERE id = " + id)) {
                            boolean found = rs.next();
                            check(kind, id, found ? rs.getString(1) : null, found ? rs.getString(2) : null, range);
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + JDBC_TABLE)) {
                        rs.next();
                        yield rs.getLong(1);
                    }
                }
            }
            case ELASTICSEARCH -> {
                ElasticsearchServer es = elasticsearch();
                es.request("POST", "/" + ES_INDEX + "/_refresh", null);
                for (long id : samples(range)) {
                    JsonNode doc = json(es.request("GET", "/" + ES_INDEX + "/_doc/" + id, null))
                            .path("_source");
                    check(kind, id, doc.path("name").isTextual() ? doc.path("name").asText() : null,
                            doc.path("status").isNumber() ? doc.path("status").asText() : null, range);
                }
                yield json(es.request("GET", "/" + ES_INDEX + "/_count", null)).path("count").asLong();
            }
            case KAFKA, KAFKA_EXACTLY_ONCE -> throw new IllegalStateException("checked above");
        };
        if (count != range.rows()) {
            throw new IllegalStateException(kind.label() + ": the target holds " + count + " rows, expected "
                    + range.rows());
        }
        return count;
    }

    private static void check(SinkKind kind, long id, String name, String status, SourceRows.Range range) {
        String expectedStatus = String.valueOf(SourceRows.expectedStatus(id, range));
        if (name == null || !name.startsWith(SourceRows.expectedNamePrefix(id)) || !expectedStatus.equals(status)) {
            throw new IllegalStateException(kind.label() + ": row " + id + " has name=" + name + ", status=" + status
                    + "; expected a name starting with " + SourceRows.expectedNamePrefix(id) + " and status="
                    + expectedStatus);
        }
    }

    private static List<Long> samples(SourceRows.Range range) {
        List<Long> ids = new ArrayList<>();
        long step = Math.max(1, range.rows() / SAMPLES);
        for (long id = 1; id <= range.rows(); id += step) {
            ids.add(id);
        }
        ids.add(range.rows());
        return ids;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU time the target server of {@code kind} has used so far, read from the operating system
     * (the servers run under this JVM), or -1 where it cannot be read.
     */
    long cpuNanos(SinkKind kind) {
        String marker = switch (kind) {
            case REDIS -> "redis-server";
            case JDBC -> "--port=" + mariaDb().port();
            case ELASTICSEARCH -> "ElasticsearchMain";
            case KAFKA, KAFKA_EXACTLY_ONCE -> "kafka.Kafka";
        };
        return ProcessHandle.current().descendants()
                .filter(p -> commandLine(p.pid()).contains(marker))
                .map(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L))
                .findFirst().orElse(-1L);
    }

    /** A process's name and command line from {@code /proc} (Redis rewrites its own; Java's view may be cut short). */
    private static String commandLine(long pid) {
        try {
            Path proc = Path.of("/proc", Long.toString(pid));
            return Files.readString(proc.resolve("comm")).trim() + " "
                    + new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The topic a Kafka kind writes to. */
    static String topic(SinkKind kind) {
        return "sinkbench-" + kind.configName().replace('_', '-');
    }

    /**
     * The broker's own limit: {@code kafka-producer-perf-test} sending {@code records} records of
     * the size Sluice's messages have on average, with the sink's producer settings.
     */
    KafkaTopics.ProducerLimit producerLimit(long records, int recordSize, Path log) {
        KafkaTopics.recreate(kafka, "sinkbench-perf");
        return KafkaTopics.producerPerfTest(kafka, "sinkbench-perf", records, recordSize, log);
    }

    /** The mean key and value bytes of the first messages on a Kafka kind's topic. */
    int meanRecordSize(SinkKind kind) {
        return KafkaTopics.meanRecordSize(kafka, topic(kind), 10_000);
    }

    private RedisServer redis() {
        return (RedisServer) servers.get(SinkKind.REDIS);
    }

    private MariaDbServer mariaDb() {
        return (MariaDbServer) servers.get(SinkKind.JDBC);
    }

    private ElasticsearchServer elasticsearch() {
        return (ElasticsearchServer) servers.get(SinkKind.ELASTICSEARCH);
    }

    @Override
    public void close() {
        for (AutoCloseable server : servers.values()) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e);
            }
        }
    }
}
