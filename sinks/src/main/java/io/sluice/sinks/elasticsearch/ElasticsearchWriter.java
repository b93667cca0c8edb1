package io.sluice.sinks.elasticsearch;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.core.failure.FailureKind;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.unit.TimeValue;
import org.elasticsearch.rest.RestStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers the requests of incoming row changes and sends them as one bulk request when
 * {@code bulk.actions} or {@code bulk.bytes} is reached, when {@code bulk.interval} has passed,
 * and on every checkpoint ({@link #flush}). Up to {@code bulk.max-in-flight} bulks are sent at
 * once, each on a sender thread ({@link InFlightBulks}): the task thread goes on filling the next
 * bulk, waits when the bound is reached, and never sends a document that is still in a bulk in
 * flight, so the writes of a document stay in order. A checkpoint waits for every bulk in flight
 * and fails with their failures.
 *
 * <p>Each item of a response is classified on its own: items that failed retriably (429, 503, ...)
 * are sent again with backoff, items rejected for good (a 400 mapping error) go to the error
 * policy on the task thread, and a bulk that fails as a whole (connection lost) is sent again
 * whole; when the retries are used up the job fails.
 *
 * <p>This writer replaces the connector's: in flink-connector-elasticsearch 3.0.1 any failed
 * item fails the job, and the bulk listener that would let a sink see single items is reached
 * only through package-private types. The connector still provides the emitter contract
 * ({@link ElasticsearchEmitter}, {@link RequestIndexer}) and the REST client.
 */
final class ElasticsearchWriter implements SinkWriter<Event> {

    private final ElasticsearchSinkOptions options;
    private final ElasticsearchEmitter<? super Event> emitter;
    private final RestHighLevelClient client;
    private final SinkMetrics metrics;
    private final RejectionHandler rejections;
    private final Retrier retrier;
    private final ProcessingTimeService timers;
    private final long intervalNanos;
    private final BulkBuffer buffer = new BulkBuffer();
    private final Indexer indexer = new Indexer();
    private final InFlightBulks<List<Rejected>> inFlight;
    private long lastFlushNanos = System.nanoTime();
    private boolean closed;

    ElasticsearchWriter(ElasticsearchSinkOptions options, ElasticsearchEmitter<? super Event> emitter,
            SinkWriterMetricGroup metricGroup, ProcessingTimeService timers) throws IOException {
        this.options = options;
        this.emitter = emitter;
        this.metrics = SinkMetrics.register(metricGroup);
        this.client = Clients.open(options);
        this.inFlight = new InFlightBulks<>(options.name(), options.bulk().maxInFlight(), this::completed);
        metrics.pendingRecords(metricGroup, () -> buffer.size() + inFlight.records());
        if (options.errorPolicy() instanceof ErrorPolicy.DeadLetter d && d.target() == ErrorPolicy.DeadLetter.Target.INDEX) {
            this.rejections = RejectionHandler.withWriter(options.name(), d, metrics,
                    new IndexDeadLetterWriter(client, d.destination()));
        } else {
            this.rejections = RejectionHandler.create(options.name(), options.errorPolicy(), metrics);
        }
        this.retrier = new Retrier(options.name(), options.retry(), ElasticsearchFailures::classify, metrics);
        this.timers = timers;
        this.intervalNanos = options.bulk().interval().toNanos();
        try {
            emitter.open();
        } catch (Exception e) {
            throw new IOException(options.name() + ": cannot open the emitter", e);
        }
        scheduleTimer();
    }

    @Override
    public void write(Event event, Context context) throws IOException {
        if (!(event instanceof RowChange row)) {
            return;
        }
        indexer.current = row;
        try {
            emitter.emit(event, context, indexer);
        } catch (PermanentFailureException e) {
            rejections.reject(row, e.getMessage(), e);
            return;
        }
        buffer.countRecord();
        if (buffer.size() >= options.bulk().actions() || buffer.bytes() >= options.bulk().bytes()) {
            flushBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        flushBuffer();
        inFlight.awaitAll();
        rejections.flush();
    }

    private void scheduleTimer() {
        timers.registerTimer(timers.getCurrentProcessingTime() + options.bulk().interval().toMillis(), time -> {
            if (closed) {
                return;
            }
            if (!buffer.isEmpty() && System.nanoTime() - lastFlushNanos >= intervalNanos) {
                flushBuffer();
            } else {
                inFlight.finishDone();
            }
            scheduleTimer();
        });
    }

    /** Sends what is buffered as one bulk, once the bound and the documents in flight allow. */
    private void flushBuffer() throws IOException {
        lastFlushNanos = System.nanoTime();
        if (buffer.isEmpty()) {
            inFlight.finishDone();
            return;
        }
        int records = buffer.records();
        List<BulkBuffer.Action> actions = buffer.drain();
        List<BulkBuffer.DocKey> keys = new ArrayList<>(actions.size());
        for (BulkBuffer.Action action : actions) {
            keys.add(action.key());
        }
        Bulk bulk = new Bulk(actions);
        inFlight.send(keys, records, () -> {
            long start = System.nanoTime();
            retrier.call(() -> bulk.pending.size(), null, () -> {
                bulk.send();
                return null;
            });
            metrics.batch((System.nanoTime() - start) / 1_000_000);
            return bulk.rejected;
        });
    }

    /** A bulk came back: counts it and hands its rejected items to the error policy, on the task thread. */
    private void completed(List<Rejected> rejected, int records) throws IOException {
        metrics.written(Math.max(0, records - rejected.size()));
        for (Rejected r : rejected) {
            rejections.reject(r.action.record(), describe(r.action.request()) + " rejected with " + r.status + ": "
                    + r.message, null);
        }
    }

    private static String describe(DocWriteRequest<?> request) {
        String op = request instanceof DeleteRequest ? "delete" : request instanceof UpdateRequest ? "upsert" : "index";
        return op + " of " + request.index() + "/" + request.id();
    }

    /** One bulk and its retries: {@link #pending} shrinks to the items still to be sent. */
    private final class Bulk {
        List<BulkBuffer.Action> pending;
        final List<Rejected> rejected = new ArrayList<>();

        Bulk(List<BulkBuffer.Action> actions) {
            this.pending = actions;
        }

        /** Sends the pending items; throws to be retried while some failed retriably. */
        void send() throws IOException {
            BulkRequest request = new BulkRequest().timeout(TimeValue.timeValueMillis(options.timeout().toMillis()));
            for (BulkBuffer.Action action : pending) {
                request.add(action.request());
            }
            BulkResponse response = client.bulk(request, RequestOptions.DEFAULT);
            BulkItemResponse[] items = response.getItems();
            List<BulkBuffer.Action> retry = new ArrayList<>(0);
            RestStatus retryStatus = null;
            String retryMessage = null;
            for (int i = 0; i < items.length; i++) {
                BulkItemResponse item = items[i];
                BulkBuffer.Action action = pending.get(i);
                if (!item.isFailed()) {
                    continue;
                }
                if (ElasticsearchFailures.classifyStatus(item.status().getStatus()) == FailureKind.RETRIABLE) {
                    retry.add(action);
                    retryStatus = item.status();
                    retryMessage = item.getFailureMessage();
                } else {
                    rejected.add(new Rejected(action, item.status().getStatus(), item.getFailureMessage()));
                }
            }
            pending = retry;
            if (!retry.isEmpty()) {
                throw new IOException(retry.size() + " items of a bulk request failed with " + retryStatus.getStatus()
                        + " " + retryStatus + ", e.g. " + retryMessage);
            }
        }
    }

    private record Rejected(BulkBuffer.Action action, int status, String message) {}

    /** Collects the emitter's requests for the row being written. */
    private final class Indexer implements RequestIndexer {
        RowChange current;

        @Override
        public void add(DeleteRequest... requests) {
            for (DeleteRequest r : requests) {
                buffer.add(r, current);
            }
        }

        @Override
        public void add(IndexRequest... requests) {
            for (IndexRequest r : requests) {
                buffer.add(r, current);
            }
        }

        @Override
        public void add(UpdateRequest... requests) {
            for (UpdateRequest r : requests) {
                buffer.add(r, current);
            }
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        inFlight.close();
        try {
            emitter.close();
            rejections.close();
        } finally {
            client.close();
        }
    }

    @VisibleForTesting
    SinkMetrics metrics() {
        return metrics;
    }

    @VisibleForTesting
    InFlightBulks<?> inFlight() {
        return inFlight;
    }
}
