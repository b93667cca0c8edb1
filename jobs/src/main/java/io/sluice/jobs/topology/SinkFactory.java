package io.sluice.jobs.topology;

import io.sluice.event.Event;
import io.sluice.jobs.config.ElasticsearchSinkConfig;
import io.sluice.jobs.config.JdbcSinkConfig;
import io.sluice.jobs.config.PrintSinkConfig;
import io.sluice.jobs.config.RedisSinkConfig;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.jobs.config.SinkType;
import io.sluice.jobs.config.BulkSettings;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.elasticsearch.BulkOptions;
import io.sluice.sinks.elasticsearch.ElasticsearchSink;
import io.sluice.sinks.elasticsearch.ElasticsearchSinkBuilder;
import io.sluice.sinks.elasticsearch.ElasticsearchWriteMode;
import io.sluice.sinks.jdbc.JdbcSink;
import io.sluice.sinks.jdbc.JdbcSinkBuilder;
import io.sluice.sinks.jdbc.JdbcWriteMode;
import io.sluice.sinks.print.PrintSink;
import io.sluice.sinks.redis.RedisFormat;
import io.sluice.sinks.redis.RedisNode;
import io.sluice.sinks.redis.RedisSink;
import io.sluice.sinks.redis.RedisSinkBuilder;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.EnumSet;
import java.util.Set;

/**
 * Maps each entry of {@code sinks} to a Flink sink of the sinks module, with its operator name,
 * uid and parallelism. Every key of a sink block has a setter of the same name on the sink's
 * builder; the builders check the rules between keys, and {@link Availability} reports their
 * messages with file and line before anything starts.
 */
@Internal
final class SinkFactory {

    /** The sink types this version can run. */
    static final Set<SinkType> AVAILABLE = EnumSet.allOf(SinkType.class);

    private SinkFactory() {}

    /**
     * The Flink sink; only for types in {@link #AVAILABLE}. Opens no connection.
     *
     * @throws IllegalArgumentException when the sink's keys do not go together
     */
    static Sink<Event> create(SinkConfig sink) {
        if (sink instanceof PrintSinkConfig print) {
            return print.path().map(PrintSink::toFile).orElseGet(PrintSink::toStdout);
        } else if (sink instanceof RedisSinkConfig redis) {
            return redis(redis);
        } else if (sink instanceof ElasticsearchSinkConfig es) {
            return elasticsearch(es);
        } else if (sink instanceof JdbcSinkConfig jdbc) {
            return jdbc(jdbc);
        }
        throw new IllegalArgumentException("sink type '" + sink.type() + "' " + Availability.NOT_YET);
    }

    private static Sink<Event> redis(RedisSinkConfig config) {
        RedisSinkBuilder builder = RedisSink.builder()
                .name(displayName(config))
                .tls(config.tls())
                .key(config.key().text())
                .format(RedisFormat.valueOf(config.format().name()))
                .columns(config.columns())
                .errorPolicy(config.errorPolicy());
        if (config.cluster().isEmpty()) {
            builder.host(config.host()).port(config.port()).database(config.database());
        } else {
            builder.cluster(config.cluster().stream().map(n -> new RedisNode(n.host(), n.port())).toList());
        }
        config.username().ifPresent(builder::username);
        config.password().ifPresent(p -> builder.password(p.reveal()));
        config.tlsTruststore().ifPresent(builder::tlsTruststore);
        config.tlsTruststorePassword().ifPresent(p -> builder.tlsTruststorePassword(p.reveal()));
        config.valueColumn().ifPresent(builder::valueColumn);
        config.ttl().ifPresent(builder::ttl);
        return builder.build();
    }

    private static Sink<Event> elasticsearch(ElasticsearchSinkConfig config) {
        BulkSettings bulk = config.bulk();
        ElasticsearchSinkBuilder builder = ElasticsearchSink.builder()
                .name(displayName(config))
                .hosts(config.hosts())
                .index(config.index().text())
                .mode(ElasticsearchWriteMode.valueOf(config.mode().name()))
                .bulk(new BulkOptions(bulk.actions(), bulk.bytes(), bulk.interval(), bulk.maxInFlight()))
                .errorPolicy(config.errorPolicy());
        config.username().ifPresent(builder::username);
        config.password().ifPresent(p -> builder.password(p.reveal()));
        config.id().ifPresent(id -> builder.id(id.text()));
        config.routing().ifPresent(routing -> builder.routing(routing.text()));
        return builder.build();
    }

    private static Sink<Event> jdbc(JdbcSinkConfig config) {
        JdbcSinkBuilder builder = JdbcSink.builder()
                .name(displayName(config))
                .url(config.url())
                .table(config.table().text())
                .mode(JdbcWriteMode.valueOf(config.mode().name()))
                .createTables(config.createTables())
                .errorPolicy(config.errorPolicy());
        config.username().ifPresent(builder::username);
        config.password().ifPresent(p -> builder.password(p.reveal()));
        config.database().ifPresent(builder::database);
        return builder.build();
    }

    /** The sink's name in logs, metrics and dead letters: its {@code name}, else what it writes to. */
    static String displayName(SinkConfig sink) {
        return sink.name().orElseGet(() -> describe(sink));
    }

    /** What the sink writes to, as the operator name shows it: {@code print stdout}, {@code redis user:{id}}. */
    static String describe(SinkConfig sink) {
        if (sink instanceof PrintSinkConfig print) {
            return "print " + print.path().orElse("stdout");
        } else if (sink instanceof RedisSinkConfig redis) {
            return "redis " + redis.key().text();
        } else if (sink instanceof ElasticsearchSinkConfig es) {
            return "elasticsearch " + es.index().text();
        } else if (sink instanceof JdbcSinkConfig jdbc) {
            return "jdbc " + jdbc.table().text();
        }
        return sink.type().configName();
    }

    /** The sink's operator name in the Flink UI. */
    static String operatorName(SinkConfig sink) {
        return "sink: " + describe(sink);
    }

    /**
     * What the sink is, independent of its position in the file: its type, {@code from} and target.
     * Two sinks with the same identity need names to tell them apart.
     */
    static String identity(SinkConfig sink) {
        String target;
        if (sink instanceof PrintSinkConfig print) {
            target = print.path().orElse("stdout");
        } else if (sink instanceof RedisSinkConfig redis) {
            target = (redis.cluster().isEmpty() ? redis.host() + ":" + redis.port() + "/" + redis.database()
                    : redis.cluster().toString()) + "|" + redis.key().text();
        } else if (sink instanceof ElasticsearchSinkConfig es) {
            target = es.hosts() + "|" + es.index().text();
        } else if (sink instanceof JdbcSinkConfig jdbc) {
            target = jdbc.url() + "|" + jdbc.table().text();
        } else {
            target = "";
        }
        return sink.type().configName() + "|" + sink.from() + "|" + target;
    }

    static String uid(SinkConfig sink) {
        return Uids.sink(sink.type().configName(), sink.name(), identity(sink));
    }

    /** A print sink to a file has one writer; every other sink runs with the job's parallelism. */
    static int parallelism(SinkConfig sink, int jobParallelism) {
        if (sink instanceof PrintSinkConfig print && print.path().isPresent()) {
            return 1;
        }
        return jobParallelism;
    }
}
