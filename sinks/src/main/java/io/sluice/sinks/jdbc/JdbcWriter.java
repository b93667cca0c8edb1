package io.sluice.sinks.jdbc;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.BatchingWriter;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The at-least-once JDBC writer: buffers keyed changes per target table and sends them as
 * batches in one transaction, committed when the buffer is full, when the flush interval has
 * passed, and on every checkpoint. A batch that fails retriably is sent again whole on a new
 * connection (upserts and deletes of absolute values are idempotent); rows the target rejects go
 * to the error policy.
 */
class JdbcWriter extends BatchingWriter {
    // Not final: JdbcXaWriter sends the same batches inside XA transactions.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

    final JdbcSinkOptions options;
    final Connections connections;
    /** The target's SQL dialect, from the URL. */
    final SqlDialect dialect;
    final BatchExecutor executor;
    /** Changes buffered at most, per change of a distinct key that the batch size allows. */
    private static final int CHANGES_PER_BATCH_SIZE = 4;

    final RowBuffer buffer = new RowBuffer();
    private final JdbcEmitter emitter;
    private Connection connection;

    /** A writer that is the sink's only one. */
    JdbcWriter(JdbcSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers)
            throws IOException {
        this(options, metricGroup, timers, 1);
    }

    /** @param writers the sink's parallelism */
    JdbcWriter(JdbcSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers, int writers)
            throws IOException {
        // the dialect first: an unknown URL fails before anything is opened
        this(options, metricGroup, timers, writers, SqlDialect.forUrl(options.url()), SinkMetrics.register(metricGroup));
    }

    private JdbcWriter(JdbcSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers, SqlDialect dialect, SinkMetrics metrics) throws IOException {
        super(options.name(), metrics, RejectionHandler.create(options.name(), options.errorPolicy(), metrics),
                new Retrier(options.name(), options.retry(), JdbcFailures::classify, metrics), timers,
                options.flushInterval(), options.truncate());
        this.options = options;
        metrics.pendingRecords(metricGroup, buffer::records);
        this.dialect = dialect;
        this.connections = new Connections(options, dialect);
        TargetChecker checker = new TargetChecker(options, dialect, connections);
        this.executor = new BatchExecutor(options, dialect, checker, writers);
        this.writers = writers;
        this.emitter = new JdbcEmitter(options);
        if (options.table().isConstant()) {
            TargetTable target = TargetTable.parse(options.table().text(), options.database());
            retrier.call(0, null, () -> {
                checker.checkExists(target);
                return null;
            });
        }
        startTimer();
    }

    @Override
    protected void buffer(RowChange row, Context context) throws IOException, InterruptedException {
        List<JdbcEmitter.Change> changes = emitter.emit(row);
        for (JdbcEmitter.Change change : changes) {
            if (!buffer.fits(change.target(), row.schema())) {
                flushBuffer();
            }
            buffer.add(change.target(), row, change.delete(), change.image());
        }
        buffer.countRecord();
    }

    @Override
    protected boolean isFull() {
        // Repeated changes of a few keys collapse to one write each, but all of them are kept (for
        // targets written in order): bound them too.
        return buffer.size() >= options.batchSize() || buffer.changes() >= CHANGES_PER_BATCH_SIZE * options.batchSize();
    }

    @Override
    protected boolean isEmpty() {
        return buffer.isEmpty();
    }

    /** Sends the buffer (see {@link #send}) and hands rejected rows to the error policy. */
    @Override
    protected void sendBuffer() throws IOException {
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
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        List<RejectedRecord> refused = new ArrayList<>(rejected.size());
        for (BatchExecutor.Rejection r : rejected) {
            refused.add(new RejectedRecord(r.change().record(), (r.change().delete() ? "delete from " : "upsert into ")
                    + r.target() + " rejected: " + JdbcFailures.message(r.error()), r.error()));
        }
        batchDone(records, millis, refused);
    }

    /** The sink's parallelism. */
    private final int writers;
    /** SQLSTATE of a table that does not exist: MySQL/MariaDB, PostgreSQL. */
    private static final java.util.Set<String> MISSING_TABLE = java.util.Set.of("42S02", "42P01");

    @Override
    protected String deleteHint() {
        return ", or truncate: delete to delete them from the target table";
    }

    /**
     * Deletes every row of the target table the truncated or dropped table writes to. Tables that
     * reach the sink through a route that merges several are refused: their rows cannot be told
     * apart in the target.
     */
    @Override
    protected void deleteTable(SchemaChange change) throws IOException {
        SourceInfo source = change.source();
        TableId physical = new TableId(source.db(), source.table());
        if (!physical.equals(change.table())) {
            throw new SuppressRestartsException(new JdbcTargetException(options.name() + ": " + physical + " was "
                    + "truncated or dropped at " + TruncatePolicy.at(change) + " and reaches this sink as "
                    + change.table() + " through a route; the target table may hold rows of the route's other tables,"
                    + " so truncate: delete cannot tell which rows to delete. Set truncate: fail or ignore, and delete"
                    + " its rows by hand"));
        }
        if (writers > 1) {
            // the table's other rows are spread over the other writers, before and after the truncation
            throw new SuppressRestartsException(new JdbcTargetException(options.name() + ": " + change.table()
                    + " was truncated or dropped at " + TruncatePolicy.at(change) + "; truncate: delete needs this sink"
                    + " to run with one writer (it has " + writers + "), because the table's rows before and after"
                    + " the truncation are written by all of them. Set the job's parallelism to 1, or truncate: fail"
                    + " or ignore"));
        }
        TableSchema noColumns = new TableSchema(change.table(), List.of(), List.of());
        TargetTable target = TargetTable.parse(
                options.table().render(change.table(), noColumns, new Object[0], JdbcEmitter.NAME_PART),
                options.database());
        int deleted = retrier.call(0, this::dropConnection, () -> {
            Connection c = connection();
            try (Statement st = c.createStatement()) {
                int n = st.executeUpdate(dialect.deleteAll(target));
                c.commit();
                return n;
            } catch (SQLException e) {
                if (MISSING_TABLE.contains(e.getSQLState())) {
                    // a table that never wrote a row has no target table (create-tables): nothing to delete
                    c.rollback();
                    return 0;
                }
                throw e;
            }
        });
        LOG.info("{}: deleted {} rows of {}, the target of {}", options.name(), deleted, target, change.table());
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.open();
            dialect.configure(connection);
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
    protected void closeTarget() {
        dropConnection();
    }
}
