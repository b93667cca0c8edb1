package io.sluice.sinks.jdbc;

import org.apache.flink.runtime.execution.SuppressRestartsException;

import io.sluice.event.Column;
import io.sluice.event.TableSchema;
import io.sluice.core.failure.FailureKind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a {@link RowBuffer} on a connection inside the caller's transaction: per target, one
 * batch of upserts and one of deletes of each key's last change, on statements prepared once per
 * target and connection; for a target with unique keys besides the sink's key, every change in
 * its order instead.
 * When a batch fails permanently, every change of the buffer is sent again one by one, so the
 * rows the target rejects are found and returned, and the others are written (writes are
 * absolute, so sending a row twice is harmless). Retriable and fatal failures are thrown.
 */
final class BatchExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(BatchExecutor.class);
    /** Rows per multi-row upsert statement. */
    private static final int ROWS_PER_STATEMENT = 200;
    /** Bound parameters per statement at most (MySQL's prepared statements allow 65535). */
    private static final int MAX_PARAMETERS = 60_000;
    /** Above this estimate of a multi-row statement's values, rows go through the driver's batch instead. */
    private static final long MULTI_ROW_TEXT_BYTES = 4L << 20;

    private final JdbcSinkOptions options;
    private final SqlDialect dialect;
    private final TargetChecker checker;
    private final Map<TargetTable, Statements> statements = new HashMap<>();
    private Connection statementsOf;
    /** The sink's parallelism: changes in order across rows need one writer. */
    private final int writers;

    /** A change the target rejected. */
    record Rejection(RowBuffer.Pending change, TargetTable target, SQLException error) {}

    BatchExecutor(JdbcSinkOptions options, SqlDialect dialect, TargetChecker checker, int writers) {
        this.options = options;
        this.dialect = dialect;
        this.checker = checker;
        this.writers = writers;
    }

    List<Rejection> execute(Connection c, RowBuffer buffer) throws SQLException {
        if (c != statementsOf) {
            forget();
            statementsOf = c;
        }
        for (RowBuffer.Target target : buffer.targets()) {
            checker.check(target.table, target.schema);
            if (writers > 1 && checker.writesInOrder(target.table)) {
                throw new SuppressRestartsException(new JdbcTargetException(options.name() + ": the target table "
                        + target.table + " has unique keys besides the sink's key " + target.schema.keyColumns()
                        + "; a unique value passing from one row to another must be written in the source's order,"
                        + " which " + writers + " writers, each with the rows of its own keys, cannot keep. Run the"
                        + " sink with parallelism 1 (job.parallelism: 1), or drop the other unique keys of the target"));
            }
        }
        try {
            for (RowBuffer.Target target : buffer.targets()) {
                if (checker.writesInOrder(target.table)) {
                    inOrder(c, target);
                } else {
                    batch(c, target);
                }
            }
            return List.of();
        } catch (SQLException e) {
            if (JdbcFailures.classify(e) == FailureKind.RETRIABLE || JdbcFailures.isFatal(e)) {
                throw e;
            }
            LOG.warn("{}: a batch of {} changes failed ({}); sending them one by one to find the rejected rows",
                    options.name(), buffer.size(), JdbcFailures.message(e));
            return oneByOne(c, buffer);
        }
    }

    private void batch(Connection c, RowBuffer.Target target) throws SQLException {
        Statements st = statements(c, target);
        List<RowBuffer.Pending> upserts = new ArrayList<>(target.rows.size());
        int deletes = 0;
        for (RowBuffer.Pending p : target.rows.values()) {
            if (p.delete()) {
                bindKey(st.delete, target.schema, p.image());
                st.delete.addBatch();
                deletes++;
            } else {
                upserts.add(p);
            }
        }
        boolean anyDelete = deletes > 0;
        atomically(c, st, () -> {
            int next = 0;
            if (st.upsertRows != null) {
                int columns = target.schema.size();
                while (upserts.size() - next >= st.rowsPerStatement
                        && textBytes(upserts, next, st.rowsPerStatement) <= MULTI_ROW_TEXT_BYTES) {
                    for (int r = 0; r < st.rowsPerStatement; r++) {
                        bindRow(st.upsertRows, target.schema, upserts.get(next + r).image(), r * columns);
                    }
                    st.upsertRows.executeUpdate();
                    next += st.rowsPerStatement;
                }
            }
            int batched = 0;
            for (; next < upserts.size(); next++) {
                bindRow(st.upsert, target.schema, upserts.get(next).image(), 0);
                st.upsert.addBatch();
                batched++;
            }
            if (batched > 0) {
                st.upsert.executeBatch();
            }
            if (anyDelete) {
                st.delete.executeBatch();
            }
        });
    }

    /**
     * Every change of a target with other unique keys, in the order they came: runs of upserts and
     * runs of deletes, each run one batch. A unique value that passes from one row to another in
     * the batch is then released before it is taken, as it was at the source.
     */
    private void inOrder(Connection c, RowBuffer.Target target) throws SQLException {
        Statements st = statements(c, target);
        atomically(c, st, () -> {
            boolean upserts = false;
            boolean deletes = false;
            for (RowBuffer.Pending p : target.sequence) {
                if (p.delete()) {
                    if (upserts) {
                        st.upsert.executeBatch();
                        upserts = false;
                    }
                    bindKey(st.delete, target.schema, p.image());
                    st.delete.addBatch();
                    deletes = true;
                } else {
                    if (deletes) {
                        st.delete.executeBatch();
                        deletes = false;
                    }
                    bindRow(st.upsert, target.schema, p.image(), 0);
                    st.upsert.addBatch();
                    upserts = true;
                }
            }
            if (upserts) {
                st.upsert.executeBatch();
            }
            if (deletes) {
                st.delete.executeBatch();
            }
        });
    }

    /** Statements sent as one unit. */
    @FunctionalInterface
    private interface Sends {
        void run() throws SQLException;
    }

    /**
     * Runs {@code sends} as one unit: when it fails, the statements' pending batches are dropped
     * and, on PostgreSQL (where a failed statement aborts the transaction), the transaction goes
     * back to where it was before them.
     */
    private void atomically(Connection c, Statements st, Sends sends) throws SQLException {
        Savepoint savepoint = dialect instanceof SqlDialect.Postgres ? c.setSavepoint() : null;
        try {
            sends.run();
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
        } catch (SQLException e) {
            st.upsert.clearBatch();
            st.delete.clearBatch();
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            throw e;
        }
    }

    /** Text and binary bytes of {@code n} buffered rows from {@code from}, to keep a multi-row statement small. */
    private static long textBytes(List<RowBuffer.Pending> rows, int from, int n) {
        long bytes = 0;
        for (int r = from; r < from + n; r++) {
            for (Object value : rows.get(r).image()) {
                bytes += value instanceof String s ? s.length() * 3L : value instanceof byte[] b ? b.length * 2L : 24;
            }
        }
        return bytes;
    }

    private List<Rejection> oneByOne(Connection c, RowBuffer buffer) throws SQLException {
        List<Rejection> rejected = new ArrayList<>();
        for (RowBuffer.Target target : buffer.targets()) {
            Statements st = statements(c, target);
            for (RowBuffer.Pending p : checker.writesInOrder(target.table) ? target.sequence : target.rows.values()) {
                PreparedStatement ps = p.delete() ? st.delete : st.upsert;
                if (p.delete()) {
                    bindKey(ps, target.schema, p.image());
                } else {
                    bindRow(ps, target.schema, p.image(), 0);
                }
                Savepoint savepoint = dialect instanceof SqlDialect.Postgres ? c.setSavepoint() : null;
                try {
                    ps.executeUpdate();
                    if (savepoint != null) {
                        c.releaseSavepoint(savepoint);
                    }
                } catch (SQLException e) {
                    if (JdbcFailures.classify(e) == FailureKind.RETRIABLE || JdbcFailures.isFatal(e)) {
                        throw e;
                    }
                    if (savepoint != null) {
                        c.rollback(savepoint);
                    }
                    rejected.add(new Rejection(p, target.table, e));
                }
            }
        }
        return rejected;
    }

    private Statements statements(Connection c, RowBuffer.Target target) throws SQLException {
        Statements st = statements.get(target.table);
        if (st != null && (st.schema == target.schema || st.schema.columnNames().equals(target.schema.columnNames())
                && st.schema.keyColumns().equals(target.schema.keyColumns()))) {
            return st;
        }
        if (st != null) {
            st.close();
        }
        TableSchema schema = target.schema;
        int rowsPerStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PARAMETERS / Math.max(1, schema.size())));
        String multiRow = rowsPerStatement > 1
                ? dialect.upsertRows(target.table, schema.columnNames(), schema.keyColumns(), rowsPerStatement) : null;
        st = new Statements(schema,
                c.prepareStatement(dialect.upsert(target.table, schema.columnNames(), schema.keyColumns())),
                multiRow == null ? null : c.prepareStatement(multiRow), rowsPerStatement,
                c.prepareStatement(dialect.delete(target.table, schema.keyColumns())));
        statements.put(target.table, st);
        return st;
    }

    /** Binds a row's values from parameter {@code offset + 1} on. */
    private void bindRow(PreparedStatement ps, TableSchema schema, Object[] image, int offset) throws SQLException {
        for (int i = 0; i < image.length; i++) {
            Column column = schema.column(i);
            dialect.bind(ps, offset + i + 1, image[i], column);
        }
    }

    private void bindKey(PreparedStatement ps, TableSchema schema, Object[] image) throws SQLException {
        int[] keys = schema.keyIndexes();
        for (int k = 0; k < keys.length; k++) {
            dialect.bind(ps, k + 1, image[keys[k]], schema.column(keys[k]));
        }
    }

    /** Drops the statements of the current connection (it is being closed). */
    void forget() {
        statements.values().forEach(Statements::close);
        statements.clear();
        statementsOf = null;
    }

    /**
     * The statements of one target: the upsert of one row (batched, and one by one), the upsert
     * of {@code rowsPerStatement} rows at once (null where the dialect has none), the delete.
     */
    private record Statements(TableSchema schema, PreparedStatement upsert, PreparedStatement upsertRows,
            int rowsPerStatement, PreparedStatement delete) {
        void close() {
            try {
                upsert.close();
                if (upsertRows != null) {
                    upsertRows.close();
                }
                delete.close();
            } catch (SQLException e) {
                LOG.debug("closing statements: {}", e.toString());
            }
        }
    }
}
