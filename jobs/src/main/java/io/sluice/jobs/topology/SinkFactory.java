package io.sluice.jobs.topology;

import io.sluice.event.Event;
import io.sluice.jobs.config.ElasticsearchSinkConfig;
import io.sluice.jobs.config.JdbcSinkConfig;
import io.sluice.jobs.config.PrintSinkConfig;
import io.sluice.jobs.config.RedisSinkConfig;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.jobs.config.SinkType;
import io.sluice.sinks.print.PrintSink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.EnumSet;
import java.util.Set;

/**
 * Maps each entry of {@code sinks} to a Flink sink, with its operator name, uid and parallelism.
 * A sink type is added here (and to {@link #AVAILABLE}) when its module provides it.
 */
@Internal
final class SinkFactory {

    /** The sink types this version can run. */
    static final Set<SinkType> AVAILABLE = EnumSet.of(SinkType.PRINT);

    private SinkFactory() {}

    /** The Flink sink; only for types in {@link #AVAILABLE}. */
    static Sink<Event> create(SinkConfig sink) {
        if (sink instanceof PrintSinkConfig print) {
            return print.path().map(PrintSink::toFile).orElseGet(PrintSink::toStdout);
        }
        throw new IllegalArgumentException("sink type '" + sink.type() + "' " + Availability.NOT_YET);
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
