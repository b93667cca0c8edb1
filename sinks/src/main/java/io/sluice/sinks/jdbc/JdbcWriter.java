package io.sluice.sinks.jdbc;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The at-least-once JDBC writer: buffers keyed changes per target table and sends them as
 * batches in one transaction, committed when the buffer is full, when the flush interval has
 * passed, and on every checkpoint. A batch that fails retriably is sent again whole on a new
 * connection (upserts and deletes of absolute values are idempotent); rows the target rejects go
 * to the error policy.
 */
class JdbcWriter implements SinkWriter<Event> {
    // Not final: JdbcXaWriter sends the same batches inside XA transactions.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

    final JdbcSinkOptions options;
    final SinkMetrics metrics;
    final RejectionHandler rejections;
    final Retrier retrier;
    final Connections connections;
    final BatchExecutor executor;
    /** Changes buffered at most, per change of a distinct key that the batch size allows. */
    private static final int CHANGES_PER_BATCH_SIZE = 4;

    final RowBuffer buffer = new RowBuffer();
    private final JdbcEmitter emitter;
    private final ProcessingTimeService timers;
    private final long intervalNanos;
    private long lastFlushNanos = System.nanoTime();
    private Connection connection;
    private boolean closed;

    JdbcWriter(JdbcSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers)
            throws IOException {
        this.options = options;
        SqlDialect dialect = SqlDialect.forUrl(options.url());
        this.metrics = SinkMetrics.register(metricGroup);
        metrics.pendingRecords(metricGroup, buffer::records);
        this.rejections = RejectionHandler.create(options.name(), options.errorPolicy(), metrics);
        this.retrier = new Retrier(options.name(), options.retry(), JdbcFailures::classify, metrics);
        this.connections = new Connections(options, dialect);
        TargetChecker checker = new TargetChecker(options, dialect, connections);
        this.executor = new BatchExecutor(options, dialect, checker);
        this.emitter = new JdbcEmitter(options);
        this.timers = timers;
        this.intervalNanos = options.flushInterval().toNanos();
        if (options.table().isConstant()) {
            TargetTable target = TargetTable.parse(options.table().text(), options.database());
            retrier.call(0, null, () -> {
                checker.checkExists(target);
                return null;
            });
        }
        scheduleTimer();
    }

    @Override
    public void write(Event event, Context context) throws IOException, InterruptedException {
        if (!(event instanceof RowChange row)) {
            return;
        }
        List<JdbcEmitter.Change> changes;
        try {
            changes = emitter.emit(row);
        } catch (PermanentFailureException e) {
            rejections.reject(row, e.getMessage(), e);
            return;
        }
        for (JdbcEmitter.Change change : changes) {
            if (!buffer.fits(change.target(), row.schema())) {
                flushBuffer();
            }
            buffer.add(change.target(), row, change.delete(), change.image());
        }
        buffer.countRecord();
        // Repeated changes of a few keys collapse to one write each, but all of them are kept (for
        // targets written in order): bound them too.
        if (buffer.size() >= options.batchSize() || buffer.changes() >= CHANGES_PER_BATCH_SIZE * options.batchSize()) {
            flushBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBuffer();
        rejections.flush();
    }

    private void scheduleTimer() {
        timers.registerTimer(timers.getCurrentProcessingTime() + options.flushInterval().toMillis(), time -> {
            if (closed) {
                return;
            }
            if (!buffer.isEmpty() && System.nanoTime() - lastFlushNanos >= intervalNanos) {
                flushBuffer();
            }
            scheduleTimer();
        });
    }

    /** Sends the buffer (see {@link #send}) and hands rejected rows to the error policy. */
    void flushBuffer() throws IOException, InterruptedException {
        lastFlushNanos = System.nanoTime();
        if (buffer.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        finishBatch(start, send());
    }

    /** Sends the buffer and commits it, retrying retriable failures on a new connection. */
    List<BatchExecutor.Rejection> send() throws IOException {
        return retrier.call(buffer.records(), this::dropConnection, () -> {
            Connection c = connection();
            List<BatchExecutor.Rejection> r = executor.execute(c, buffer);
            c.commit();
            return r;
        });
    }

    /** Counts a sent batch, clears the buffer, and hands rejected rows to the error policy. */
    void finishBatch(long startNanos, List<BatchExecutor.Rejection> rejected) throws IOException {
        int records = buffer.records();
        buffer.clear();
        metrics.written(Math.max(0, records - rejected.size()));
        metrics.batch((System.nanoTime() - startNanos) / 1_000_000);
        for (BatchExecutor.Rejection r : rejected) {
            rejections.reject(r.change().record(), (r.change().delete() ? "delete from " : "upsert into ") + r.target()
                    + " rejected: " + JdbcFailures.message(r.error()), r.error());
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.open();
            SqlDialect.forUrl(options.url()).configure(connection);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    void dropConnection() {
        executor.forget();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("{}: closing a failed connection: {}", options.name(), e.toString());
            }
            connection = null;
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        try {
            rejections.close();
        } finally {
            dropConnection();
        }
    }

    @VisibleForTesting
    SinkMetrics metrics() {
        return metrics;
    }
}
