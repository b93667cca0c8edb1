package io.sluice.jobs.topology;

import io.sluice.core.connector.SinkContext;
import io.sluice.event.Event;
import io.sluice.jobs.config.SinkConfig;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Turns each entry of {@code sinks} into a Flink sink through its type's factory, with its
 * operator name, uid and parallelism. The factories check the rules between keys; {@link
 * Availability} reports their messages with file and line before anything starts.
 */
@Internal
final class SinkOperators {

    private SinkOperators() {}

    /**
     * The Flink sink of a sink of the job {@code jobName}. Opens no connection.
     *
     * @throws IllegalArgumentException when the sink's keys do not go together
     */
    static Sink<Event> create(SinkConfig sink, String jobName) {
        return sink.factory().createSink(new SinkContext(displayName(sink), sink.options(), sink.errorPolicy(),
                jobName + "/" + uid(sink), sink.from()));
    }

    /** The sink's name in logs, metrics and dead letters: its {@code name}, else what it writes to. */
    static String displayName(SinkConfig sink) {
        return sink.name().orElseGet(() -> describe(sink));
    }

    /** What the sink writes to, as the operator name shows it: {@code print stdout}, {@code redis user:{id}}. */
    static String describe(SinkConfig sink) {
        return sink.type() + " " + sink.factory().target(sink.options());
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
        return sink.type() + "|" + sink.from() + "|" + sink.factory().identity(sink.options());
    }

    static String uid(SinkConfig sink) {
        return Uids.sink(sink.type(), sink.name(), identity(sink));
    }

    static int parallelism(SinkConfig sink, int jobParallelism) {
        return sink.factory().parallelism(sink.options(), jobParallelism);
    }
}
