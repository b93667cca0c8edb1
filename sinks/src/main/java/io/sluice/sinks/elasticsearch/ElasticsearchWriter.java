package io.sluice.sinks.elasticsearch;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.core.failure.FailureKind;
import io.sluice.sinks.common.BatchingWriter;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;
import io.sluice.sinks.common.TargetKeyCheck;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
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
 * flight, so the writes of a document stay in order. A sender thread hands its finished bulk back
 * through the task's mailbox: counting, latency and the error policy all run on the task thread,
 * and waiting (for the bound, a document or a checkpoint) yields to the mailbox. A checkpoint waits
 * for every bulk in flight and fails with their failures.
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
final class ElasticsearchWriter extends BatchingWriter {

    private final ElasticsearchSinkOptions options;
    private final ElasticsearchEmitter<? super Event> emitter;
    private final RestHighLevelClient client;
    private final BulkBuffer buffer = new BulkBuffer();
    private final Indexer indexer = new Indexer();
    private final InFlightBulks<Bulk> inFlight;
    private final TargetKeyCheck ids;

    /** A writer that is the sink's only one. */
    ElasticsearchWriter(ElasticsearchSinkOptions options, ElasticsearchEmitter<? super Event> emitter,
            SinkWriterMetricGroup metricGroup, ProcessingTimeService timers, MailboxExecutor mailbox)
            throws IOException {
        this(options, emitter, metricGroup, timers, mailbox, 1);
    }

    /** @param writers the sink's parallelism */
    ElasticsearchWriter(ElasticsearchSinkOptions options, ElasticsearchEmitter<? super Event> emitter,
            SinkWriterMetricGroup metricGroup, ProcessingTimeService timers, MailboxExecutor mailbox, int writers)
            throws IOException {
        this(options, emitter, metricGroup, timers, mailbox, writers, SinkMetrics.register(metricGroup),
                Clients.open(options));
    }

    private ElasticsearchWriter(ElasticsearchSinkOptions options, ElasticsearchEmitter<? super Event> emitter,
            SinkWriterMetricGroup metricGroup, ProcessingTimeService timers, MailboxExecutor mailbox, int writers,
            SinkMetrics metrics, RestHighLevelClient client) throws IOException {
        super(options.name(), metrics, rejectionHandler(options, metrics, client),
                new Retrier(options.name(), options.retry(), ElasticsearchFailures::classify, metrics), timers,
                options.bulk().interval(), options.truncate());
        this.options = options;
        this.emitter = emitter;
        this.client = client;
        this.ids = new TargetKeyCheck(options.name(), "id", options.id(), writers);
        this.inFlight = new InFlightBulks<>(options.name(), options.bulk().maxInFlight(), mailbox, this::completed);
        metrics.pendingRecords(metricGroup, () -> buffer.size() + inFlight.records());
        try {
            emitter.open();
        } catch (Exception e) {
            throw new IOException(options.name() + ": cannot open the emitter", e);
        }
        startTimer();
    }

    private static RejectionHandler rejectionHandler(ElasticsearchSinkOptions options, SinkMetrics metrics,
            RestHighLevelClient client) throws IOException {
        if (options.errorPolicy() instanceof ErrorPolicy.DeadLetter d && d.target() == ErrorPolicy.DeadLetter.Target.INDEX) {
            return RejectionHandler.withWriter(options.name(), d, metrics,
                    new IndexDeadLetterWriter(client, d.destination()));
        }
        return RejectionHandler.create(options.name(), options.errorPolicy(), metrics);
    }

    @Override
    protected void buffer(RowChange row, Context context) {
        ids.check(row);
        indexer.current = row;
        emitter.emit(row, context, indexer);
        buffer.countRecord();
    }

    @Override
    protected boolean isFull() {
        return buffer.size() >= options.bulk().actions() || buffer.bytes() >= options.bulk().bytes();
    }

    @Override
    protected boolean isEmpty() {
        return buffer.isEmpty();
    }

    /** Sends what is buffered as one bulk, once the bound and the documents in flight allow. */
    @Override
    protected void sendBuffer() throws IOException {
        int records = buffer.records();
        List<BulkBuffer.Action> actions = buffer.drain();
        List<BulkBuffer.DocKey> keys = new ArrayList<>(actions.size());
        for (BulkBuffer.Action action : actions) {
            keys.add(action.key());
        }
        Bulk bulk = new Bulk(actions);
        inFlight.send(keys, records, bulk::send);
    }

    @Override
    protected void awaitSent() throws IOException {
        inFlight.awaitAll();
    }

    @Override
    protected void checkFailures() throws IOException {
        inFlight.throwIfFailed();
    }

    /**
     * A bulk came back, on the task thread: counts its retries, then fails with its failure, or
     * counts it and hands its rejected items to the error policy.
     */
    private void completed(Bulk bulk, int records) throws IOException {
        metrics.retried(bulk.retried);
        if (bulk.failure instanceof IOException io) {
            throw io;
        }
        if (bulk.failure instanceof RuntimeException re) {
            throw re;
        }
        List<RejectedRecord> refused = new ArrayList<>(bulk.rejected.size());
        for (Rejected r : bulk.rejected) {
            refused.add(new RejectedRecord(r.action.record(), describe(r.action.request()) + " rejected with "
                    + r.status + ": " + r.message, null));
        }
        batchDone(records, bulk.millis, refused);
    }

    private static String describe(DocWriteRequest<?> request) {
        String op = request instanceof DeleteRequest ? "delete" : request instanceof UpdateRequest ? "upsert" : "index";
        return op + " of " + request.index() + "/" + request.id();
    }

    /**
     * One bulk and its retries, on a sender thread: {@link #pending} shrinks to the items still to be
     * sent. What it counts is read on the task thread once the bulk came back through the mailbox.
     */
    private final class Bulk {
        List<BulkBuffer.Action> pending;
        final List<Rejected> rejected = new ArrayList<>();
        long retried;
        long millis;
        Exception failure;

        Bulk(List<BulkBuffer.Action> actions) {
            this.pending = actions;
        }

        /** Sends the bulk, retrying what failed retriably; keeps its failure for the task thread. */
        Bulk send() {
            long start = System.nanoTime();
            try {
                retrier.call(() -> pending.size(), n -> retried += n, null, () -> {
                    sendPending();
                    return null;
                });
                millis = (System.nanoTime() - start) / 1_000_000;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            return this;
        }

        /** Sends the pending items; throws to be retried while some failed retriably. */
        void sendPending() throws IOException {
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
    protected void closeTarget() throws Exception {
        inFlight.close();
        try {
            emitter.close();
        } finally {
            client.close();
        }
    }

    @VisibleForTesting
    InFlightBulks<?> inFlight() {
        return inFlight;
    }
}
