package io.sluice.sinks.common;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The skeleton of a writer that batches row changes (Redis, Elasticsearch, JDBC): buffers them,
 * sends the buffer when it is full, when the flush interval has passed since the last send, and on
 * every checkpoint ({@link #flush}), and hands the records the target rejects to the error policy.
 * Runs on the task thread only, the interval timer included.
 *
 * <p>A subclass says how a row is buffered ({@link #buffer}), when the buffer is full, how it is
 * sent ({@link #sendBuffer}, retrying with {@link #retrier}) and how the target is closed; a writer
 * with batches in flight also waits for them on a checkpoint ({@link #awaitSent}) and surfaces
 * their failures ({@link #checkFailures}).
 */
@Internal
public abstract class BatchingWriter implements SinkWriter<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);

    protected final String name;
    protected final SinkMetrics metrics;
    protected final RejectionHandler rejections;
    protected final Retrier retrier;
    private final ProcessingTimeService timers;
    private final long intervalMillis;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastFlushNanos;
    private boolean closed;
    /** While the buffer is sent or a checkpoint waits, a timer firing in a mailbox yield does nothing. */
    private boolean flushing;
    private final TruncatePolicy truncate;

    protected BatchingWriter(String name, SinkMetrics metrics, RejectionHandler rejections, Retrier retrier,
            ProcessingTimeService timers, Duration flushInterval, TruncatePolicy truncate) {
        this(name, metrics, rejections, retrier, timers, flushInterval, System::nanoTime, truncate);
    }

    @VisibleForTesting
    BatchingWriter(String name, SinkMetrics metrics, RejectionHandler rejections, Retrier retrier,
            ProcessingTimeService timers, Duration flushInterval, LongSupplier nanoClock, TruncatePolicy truncate) {
        this.name = name;
        this.truncate = truncate;
        this.metrics = metrics;
        this.rejections = rejections;
        this.retrier = retrier;
        this.timers = timers;
        this.intervalMillis = flushInterval.toMillis();
        this.intervalNanos = flushInterval.toNanos();
        this.nanoClock = nanoClock;
        this.lastFlushNanos = nanoClock.getAsLong();
    }

    /**
     * Turns a row into requests and adds them to the buffer.
     *
     * @throws PermanentFailureException when the row cannot be turned into requests; the row goes
     *     to the error policy and nothing of it may stay in the buffer
     */
    protected abstract void buffer(RowChange row, Context context) throws IOException, InterruptedException;

    /** Whether the buffer has reached one of its bounds and is sent now. */
    protected abstract boolean isFull();

    protected abstract boolean isEmpty();

    /** Sends the buffer (or hands it to a sender) and empties it. */
    protected abstract void sendBuffer() throws IOException, InterruptedException;

    /** Closes the connection to the target; runs last in {@link #close}. */
    protected abstract void closeTarget() throws Exception;

    /** Waits until every batch sent so far has been acknowledged, and throws their failures. */
    protected void awaitSent() throws IOException, InterruptedException {}

    /** Throws the failures of batches that came back since the last call, without waiting. */
    protected void checkFailures() throws IOException {}

    /** Starts the interval timer; the last thing a subclass's constructor does. */
    protected final void startTimer() {
        timers.registerTimer(timers.getCurrentProcessingTime() + intervalMillis, time -> {
            if (closed) {
                return;
            }
            if (!flushing) {
                if (!isEmpty() && nanoClock.getAsLong() - lastFlushNanos >= intervalNanos) {
                    flushBuffer();
                } else {
                    checkFailures();
                }
            }
            startTimer();
        });
    }

    /**
     * Buffers row changes and sends the buffer once it is full; a table's truncation or removal is
     * handled by the {@code truncate} policy; other events are not for this sink.
     */
    @Override
    public final void write(Event event, Context context) throws IOException, InterruptedException {
        if (event instanceof SchemaChange change) {
            Optional<String> removal = TruncatePolicy.removal(change);
            if (removal.isPresent()) {
                tableRemoved(change, removal.get());
            }
            return;
        }
        if (!(event instanceof RowChange row)) {
            return;
        }
        try {
            buffer(row, context);
        } catch (PermanentFailureException e) {
            rejections.reject(row, e.getMessage(), e);
            return;
        }
        if (isFull()) {
            flushBuffer();
        }
    }

    /**
     * A table this sink reads was truncated or dropped: the rows before it are written first; then
     * the job stops ({@code fail}), goes on ({@code ignore}) or the sink removes the table's rows
     * ({@code delete}).
     */
    private void tableRemoved(SchemaChange change, String how) throws IOException, InterruptedException {
        switch (truncate) {
            case IGNORE -> LOG.warn("{}: {} was {} at {} ({}); truncate: ignore, so the target keeps its rows", name,
                    change.table(), how, TruncatePolicy.at(change), change.ddl());
            case DELETE -> {
                flush(false);
                deleteTable(change);
                LOG.info("{}: {} was {} at {}; deleted its rows from the target (truncate: delete)", name,
                        change.table(), how, TruncatePolicy.at(change));
            }
            default -> {
                flush(false);
                throw new SuppressRestartsException(new IllegalStateException(name + ": " + change.table() + " was "
                        + how + " at the source (" + change.ddl() + ", at " + TruncatePolicy.at(change) + "); the"
                        + " target still holds its rows, and this sink does not remove them unless told to, so the"
                        + " job stops here. Set truncate: ignore on the sink to keep them and go on" + deleteHint()
                        + ", then start again from the last checkpoint"));
            }
        }
    }

    /** The rest of the {@code fail} message's advice about {@code delete}, for sinks that can delete. */
    protected String deleteHint() {
        return "";
    }

    /**
     * Removes the rows the truncated or dropped table wrote to the target; the buffer was sent and
     * acknowledged before. Only sinks whose checks accept {@code truncate: delete} are called.
     */
    protected void deleteTable(SchemaChange change) throws IOException, InterruptedException {
        throw new IllegalStateException(name + ": truncate: delete is not available for this sink");
    }

    /** Sends the buffer, waits until every batch is acknowledged, and makes the dead letters durable. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        boolean wasFlushing = flushing;
        flushing = true;
        try {
            flushBuffer();
            awaitSent();
        } finally {
            flushing = wasFlushing;
        }
        rejections.flush();
    }

    /** Sends what is buffered, after throwing the failures of batches that came back meanwhile. */
    protected final void flushBuffer() throws IOException, InterruptedException {
        boolean wasFlushing = flushing;
        flushing = true;
        try {
            lastFlushNanos = nanoClock.getAsLong();
            checkFailures();
            if (!isEmpty()) {
                sendBuffer();
            }
        } finally {
            flushing = wasFlushing;
        }
    }

    /**
     * A batch of {@code records} source records came back after {@code millis}, retries
     * included: counts what the target took and hands what it rejected to the error policy.
     */
    protected final void batchDone(int records, long millis, List<RejectedRecord> rejected) throws IOException {
        metrics.written(Math.max(0, records - rejected.size()));
        metrics.batch(millis);
        for (RejectedRecord r : rejected) {
            rejections.reject(r.record(), r.reason(), r.cause());
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        try {
            rejections.close();
        } finally {
            closeTarget();
        }
    }

    @VisibleForTesting
    public SinkMetrics metrics() {
        return metrics;
    }

    /** A record the target rejected for good, why, and the error it answered with (if any). */
    public record RejectedRecord(RowChange record, String reason, Throwable cause) {}
}
