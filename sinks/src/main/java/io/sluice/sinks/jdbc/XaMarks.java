package io.sluice.sinks.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof that an XA transaction committed: each transaction of an XA sink also inserts its id
 * into a small table of the target database, so a transaction the database no longer knows at
 * commit time is known to have committed (its mark is there) or to have been rolled back outside
 * the job (it is not). After each commit the committer deletes the marks of the same sink and
 * subtask that are {@link #KEPT_CHECKPOINTS} checkpoints older, one by one by key: a range delete
 * would wait for the rows that transactions still prepared hold.
 */
final class XaMarks {
    /** The table, in the sink's target database. */
    static final String TABLE = "sluice_xa_marks";
    /** Marks of this many checkpoints before the current one are kept. */
    static final long KEPT_CHECKPOINTS = 100;

    private final String table;
    /** The sink's transaction scope, and its prefix as the table's {@code scope} column holds it. */
    private final String scope;
    private final String prefix;

    XaMarks(JdbcSinkOptions options, SqlDialect dialect) {
        this.table = dialect.qualified(new TargetTable(options.database(), TABLE));
        this.scope = options.transactionScope();
        this.prefix = XaCommittable.prefix(scope);
    }

    /** Creates the table when it is missing (the sink's user needs CREATE, or the table made beforehand). */
    void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // keyed by sink and subtask first: a subtask deletes its old marks by a key range, never
            // touching (or waiting for) the rows other subtasks' open transactions hold
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (scope VARCHAR(64) NOT NULL, subtask INT NOT NULL,"
                    + " checkpoint_id BIGINT NOT NULL, xid VARCHAR(191) NOT NULL,"
                    + " PRIMARY KEY (scope, subtask, checkpoint_id, xid))");
        }
    }

    /** Marks the transaction, inside it. */
    void mark(Connection c, XaCommittable xid, int subtask, long checkpoint) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + table + " (xid, scope, subtask, checkpoint_id) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, id(xid));
            insert.setString(2, prefix);
            insert.setInt(3, subtask);
            insert.setLong(4, checkpoint);
            insert.executeUpdate();
        }
    }

    /**
     * Deletes the marks of the committed transaction's sink and subtask from checkpoints at least
     * {@link #KEPT_CHECKPOINTS} older (committed long ago), on an autocommit connection: they are
     * read without locks and deleted by their keys, so nothing waits for a prepared transaction.
     *
     * @return how many were deleted
     */
    int forgetOld(Connection c, XaCommittable committed) throws SQLException {
        XaCommittable.Parsed parsed = XaCommittable.parse(committed, scope);
        if (parsed == null) {
            return 0;
        }
        List<Object[]> old = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT checkpoint_id, xid FROM " + table
                + " WHERE scope = ? AND subtask = ? AND checkpoint_id < ?")) {
            select.setString(1, prefix);
            select.setInt(2, parsed.subtask());
            select.setLong(3, parsed.checkpoint() - KEPT_CHECKPOINTS);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    old.add(new Object[] {rs.getLong(1), rs.getString(2)});
                }
            }
        }
        if (old.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table
                + " WHERE scope = ? AND subtask = ? AND checkpoint_id = ? AND xid = ?")) {
            for (Object[] key : old) {
                delete.setString(1, prefix);
                delete.setInt(2, parsed.subtask());
                delete.setLong(3, (Long) key[0]);
                delete.setString(4, (String) key[1]);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        return old.size();
    }

    /** Whether the transaction's mark is in the table: it committed. */
    boolean committed(Connection c, XaCommittable xid) throws SQLException {
        XaCommittable.Parsed parsed = XaCommittable.parse(xid, scope);
        if (parsed == null) {
            return false;
        }
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM " + table
                + " WHERE scope = ? AND subtask = ? AND checkpoint_id = ? AND xid = ?")) {
            select.setString(1, prefix);
            select.setInt(2, parsed.subtask());
            select.setLong(3, parsed.checkpoint());
            select.setString(4, id(xid));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Whether the transaction's mark may have been deleted already: this subtask has marked
     * transactions {@link #KEPT_CHECKPOINTS} or more checkpoints newer (a restore from an old
     * savepoint hands back a committable that old).
     */
    boolean mayBeForgotten(Connection c, XaCommittable xid) throws SQLException {
        XaCommittable.Parsed parsed = XaCommittable.parse(xid, scope);
        if (parsed == null) {
            return false;
        }
        try (PreparedStatement select = c.prepareStatement("SELECT MAX(checkpoint_id) FROM " + table
                + " WHERE scope = ? AND subtask = ?")) {
            select.setString(1, prefix);
            select.setInt(2, parsed.subtask());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getLong(1) >= parsed.checkpoint() + KEPT_CHECKPOINTS;
            }
        }
    }

    private static String id(XaCommittable xid) {
        return new String(xid.globalId(), StandardCharsets.US_ASCII);
    }
}
