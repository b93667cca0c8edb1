package io.sluice.sinks.common;

import io.sluice.core.failure.ErrorPolicy;

import io.sluice.event.Event;
import io.sluice.event.json.CanonicalJson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Applies a sink's {@link ErrorPolicy} to records the target rejected permanently: throws
 * {@link RejectedRecordException} ({@code fail}), or logs and counts ({@code log}), or writes a
 * dead letter and counts ({@code dead-letter}). Nothing is dropped without a trace.
 *
 * <p>A dead letter is one JSON object: {@code {"sink":..,"reason":..,"error":..,"time":..,"event":{..}}}
 * where {@code event} is the record in canonical JSON.
 */
@Internal
public final class RejectionHandler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionHandler.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final String sinkName;
    private final ErrorPolicy policy;
    private final SinkMetrics metrics;
    private final DeadLetterWriter deadLetters;

    private RejectionHandler(String sinkName, ErrorPolicy policy, SinkMetrics metrics, DeadLetterWriter deadLetters) {
        this.sinkName = sinkName;
        this.policy = policy;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    /**
     * A handler for a policy whose dead letters, if any, go to a file.
     *
     * @throws IllegalArgumentException for a dead-letter index (only Elasticsearch sinks have one;
     *     they use {@link #withWriter})
     */
    public static RejectionHandler create(String sinkName, ErrorPolicy policy, SinkMetrics metrics) throws IOException {
        if (policy instanceof ErrorPolicy.DeadLetter d) {
            if (d.target() != ErrorPolicy.DeadLetter.Target.PATH) {
                throw new IllegalArgumentException(
                        sinkName + ": a dead-letter index is only available to elasticsearch sinks; use {path: FILE}");
            }
            return new RejectionHandler(sinkName, policy, metrics, new FileDeadLetterWriter(Path.of(d.destination())));
        }
        return new RejectionHandler(sinkName, policy, metrics, null);
    }

    /** A handler whose dead letters go to the given writer (used for {@code dead-letter: {index: ..}}). */
    public static RejectionHandler withWriter(String sinkName, ErrorPolicy policy, SinkMetrics metrics,
            DeadLetterWriter writer) {
        return new RejectionHandler(sinkName, policy, metrics, writer);
    }

    public ErrorPolicy policy() {
        return policy;
    }

    /**
     * Handles one permanently rejected record.
     *
     * @throws RejectedRecordException when the policy is {@code fail}
     * @throws IOException when the dead letter cannot be written
     */
    public void reject(Event record, String reason, Throwable cause) throws IOException {
        metrics.failed();
        String where = record.table() + (record instanceof io.sluice.event.RowChange row && row.schema().hasKey()
                ? " key " + io.sluice.event.Values.toString(io.sluice.event.RowChange.keyOf(row.schema(), row.current()))
                : "");
        if (policy instanceof ErrorPolicy.Fail) {
            throw new RejectedRecordException(
                    sinkName + " rejected a record of " + where + ": " + reason
                            + " (error-policy: fail; use log or dead-letter to skip such records)", cause);
        }
        if (policy instanceof ErrorPolicy.Log) {
            LOG.warn("{}: skipping a rejected record of {} (error-policy: log): {}; record: {}", sinkName, where,
                    reason, record);
            return;
        }
        deadLetters.write(deadLetter(record, reason, cause));
        metrics.deadLettered();
        LOG.info("{}: wrote a rejected record of {} to the {}: {}", sinkName, where, deadLetters, reason);
    }

    /** Makes the dead letters durable; call on every checkpoint. */
    public void flush() throws IOException {
        if (deadLetters != null) {
            deadLetters.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    /** The dead-letter JSON of a rejected record. */
    public String deadLetter(Event record, String reason, Throwable cause) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("sink", sinkName);
            gen.writeStringField("reason", reason);
            gen.writeStringField("error", cause == null ? null : cause.getClass().getName());
            gen.writeStringField("time", Instant.now().toString());
            gen.writeFieldName("event");
            CanonicalJson.writeEvent(gen, record);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
