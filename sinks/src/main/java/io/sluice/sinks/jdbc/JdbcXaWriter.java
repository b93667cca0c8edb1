package io.sluice.sinks.jdbc;

import io.sluice.event.Event;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.connector.jdbc.datasource.connections.xa.SimpleXaConnectionProvider;
import org.apache.flink.connector.jdbc.datasource.transactions.xa.exceptions.EmptyTransactionXaException;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.XADataSource;
import javax.transaction.xa.Xid;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The exactly-once JDBC writer: the same batches as {@link JdbcWriter}, sent inside one XA
 * transaction per checkpoint interval. On a checkpoint the transaction is prepared and handed to
 * {@link XaCommitter} as a committable; it is committed when the checkpoint completes. A failure
 * inside a transaction fails the job at once (its earlier batches are gone with it), and Flink
 * replays from the last checkpoint.
 *
 * <p>Transactions are named after the checkpoint they are prepared for (the last checkpoint id
 * plus one, which never exceeds the real one). At start, prepared transactions of this sink and
 * subtask named after the restored checkpoint are rolled back: no checkpoint holds them, so no
 * committer will commit them. Those named up to the restored checkpoint are left to the committer.
 *
 * <p>The XA connection comes from the connector's {@link SimpleXaConnectionProvider}; it is
 * closed after each prepare, because MariaDB lets {@link XaCommitter}'s session commit a prepared
 * transaction only after the session that prepared it has gone.
 */
final class JdbcXaWriter extends JdbcWriter
        implements CommittingSinkWriter<Event, XaCommittable>, StatefulSinkWriter<Event, XaWriterState> {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcXaWriter.class);

    private final SimpleXaConnectionProvider xa;
    private final int subtask;
    private final int attempt;
    private long lastCheckpoint;
    private XaCommittable current;
    private final XaMarks marks;

    JdbcXaWriter(JdbcSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int subtask, int parallelism, int attempt, long restoredCheckpoint) throws IOException {
        super(options, metricGroup, timers, parallelism);
        this.subtask = subtask;
        this.attempt = attempt;
        this.lastCheckpoint = restoredCheckpoint;
        XADataSource dataSource = XaDataSources.create(options, dialect);
        this.xa = SimpleXaConnectionProvider.from(() -> dataSource, null);
        this.marks = new XaMarks(options, dialect);
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            marks.create(c);
        } catch (SQLException e) {
            throw new IOException(options.name() + ": cannot create the table " + XaMarks.TABLE + " that proves which XA"
                    + " transactions committed, in " + options.maskedUrl() + " (it goes into the sink's database, or the"
                    + " URL's: set database when the URL names none; create it beforehand, or give the user CREATE): "
                    + e.getMessage(), e);
        }
        try {
            rollBackAbandoned(dataSource, parallelism, restoredCheckpoint);
        } catch (Exception e) {
            throw new IOException(options.name() + ": cannot open an XA connection to " + options.maskedUrl(), e);
        }
    }

    private void rollBackAbandoned(XADataSource dataSource, int parallelism, long restoredCheckpoint) throws Exception {
        try (XaResources resources = XaResources.open(dataSource)) {
            for (Xid xid : resources.recover()) {
                XaCommittable.Parsed parsed = XaCommittable.parse(xid, options.transactionScope());
                if (parsed != null && parsed.subtask() % parallelism == subtask
                        && parsed.checkpoint() > restoredCheckpoint) {
                    LOG.info("{}: rolling back XA transaction {}, prepared after checkpoint {}", options.name(),
                            new String(xid.getGlobalTransactionId(), java.nio.charset.StandardCharsets.US_ASCII),
                            restoredCheckpoint);
                    resources.rollback(xid);
                }
            }
        }
    }

    @Override
    List<BatchExecutor.Rejection> send() throws IOException {
        try {
            if (current == null) {
                if (!xa.isOpen()) {
                    executor.forget();
                    xa.open();
                    dialect.configure(xa.getConnection());
                }
                current = XaCommittable.of(options.transactionScope(), lastCheckpoint + 1, subtask, attempt);
                xa.start(current);
                marks.mark(xa.getConnection(), current, subtask, lastCheckpoint + 1);
            }
            Connection c = xa.getConnection();
            return executor.execute(c, buffer);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof JdbcTargetException target) {
                throw target;
            }
            throw new IOException(options.name() + ": a batch failed inside XA transaction " + current
                    + "; failing the job so it restarts from the last checkpoint: " + e, e);
        }
    }

    @Override
    public Collection<XaCommittable> prepareCommit() throws IOException, InterruptedException {
        flushBuffer();
        if (current == null) {
            return List.of();
        }
        XaCommittable prepared = current;
        current = null;
        try {
            xa.endAndPrepare(prepared);
            return List.of(prepared);
        } catch (EmptyTransactionXaException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw new IOException(options.name() + ": cannot prepare XA transaction " + prepared + ": " + e, e);
        } finally {
            // MariaDB lets another session commit a prepared transaction only once the session
            // that prepared it has gone; the next transaction starts on a new connection.
            executor.forget();
            xa.closeConnection();
        }
    }

    @Override
    public List<XaWriterState> snapshotState(long checkpointId) {
        lastCheckpoint = checkpointId;
        return List.of();
    }

    @Override
    public void close() throws Exception {
        try {
            if (current != null) {
                try {
                    xa.failAndRollback(current);
                } catch (RuntimeException e) {
                    LOG.warn("{}: rolling back {} on close: {}", options.name(), current, e.toString());
                }
            }
            if (xa.isOpen()) {
                xa.closeConnection();
            }
        } finally {
            super.close();
        }
    }
}
