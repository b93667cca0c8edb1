package io.sluice.sinks.elasticsearch;

import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;

import java.io.IOException;

/**
 * Keeps Elasticsearch 7 documents equal to source rows: each row is a canonical JSON document in
 * the index its template gives ({@code orders-{created_at:yyyy.MM}}), with the key as
 * {@code _id} (or an id template) and optional routing, written whole ({@code index}) or as a
 * partial update ({@code upsert}); deletes delete the document. Bulk requests are sent on size,
 * bytes and time thresholds and on every checkpoint (at least once; writes are idempotent).
 * Items are classified one by one: 429/503 are retried, a 400 mapping error goes to the error
 * policy, whose dead letters may go to a file or to another index. Feed it a stream keyed by row
 * ({@link io.sluice.core.key.RowKeySelector}).
 */
@PublicEvolving
public final class ElasticsearchSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;

    private final ElasticsearchSinkOptions options;
    private final ElasticsearchEmitter<? super Event> emitter;

    ElasticsearchSink(ElasticsearchSinkOptions options, ElasticsearchEmitter<? super Event> emitter) {
        this.options = options;
        this.emitter = emitter;
    }

    public static ElasticsearchSinkBuilder builder() {
        return new ElasticsearchSinkBuilder();
    }

    public ElasticsearchSinkOptions options() {
        return options;
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) throws IOException {
        return new ElasticsearchWriter(options, emitter, context.metricGroup(), context.getProcessingTimeService(),
                context.getMailboxExecutor(), context.getTaskInfo().getNumberOfParallelSubtasks());
    }

    /** Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this older entry point does the same. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) throws IOException {
        return new ElasticsearchWriter(options, emitter, context.metricGroup(), context.getProcessingTimeService(),
                context.getMailboxExecutor(), context.getNumberOfParallelSubtasks());
    }

    @Override
    public String toString() {
        return "ElasticsearchSink" + options;
    }
}
