package io.sluice.bench.sinks;

import io.sluice.bench.BinlogData;
import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes one sink's row changes on the private source MariaDB: a 10-column table filled by
 * 1000-row {@code INSERT ... SELECT} transactions, then one {@code UPDATE} of the first half of
 * the rows, between two noted binlog positions. Every inserted row ends up in the target once; the
 * updated ones with {@code status} raised by one.
 */
final class SourceRows {
    static final String DATABASE_PREFIX = "sinkbench";
    private static final int ROWS_PER_INSERT = 1000;

    /** The source table's columns, in order; the JDBC target table has the same ones. */
    static final String COLUMNS = BinlogData.COLUMNS;

    /**
     * The binlog range holding one table's changes.
     *
     * @param changes row changes in the range (inserts and updates)
     * @param rows distinct rows, what the target holds at the end
     * @param updated rows {@code 1..updated} were updated ({@code status = id % 5 + 1})
     */
    record Range(String database, String table, String startFile, long startPosition, String endFile,
            long endPosition, long changes, long rows, long updated) {}

    private SourceRows() {}

    /** Writes {@code changes} row changes (half inserts, half updates of inserted rows) into {@code table}. */
    static Range write(MariaDbServer server, String database, String table, long changes) throws SQLException {
        if (changes < 2) {
            throw new IllegalArgumentException("rows must be at least 2 (inserts, then updates), got " + changes);
        }
        long inserts = changes - changes / 2;
        long updates = changes / 2;
        server.execute(database, "CREATE TABLE " + table + " (" + COLUMNS + ") ENGINE=InnoDB");
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            String[] start = position(statement);
            for (long first = 1; first <= inserts; first += ROWS_PER_INSERT) {
                long last = Math.min(inserts, first + ROWS_PER_INSERT - 1);
                statement.execute("INSERT INTO " + table + " SELECT seq, seq % 10007, seq * 1.25, seq / 7.0, seq % 5,"
                        + " CONCAT('customer-', LPAD(seq, 10, '0'), '-', MD5(seq)),"
                        + " CONCAT('user', seq, '@example.com'), CONCAT('note for row ', seq),"
                        + " TIMESTAMP'2024-01-01 00:00:00.000000' + INTERVAL seq SECOND,"
                        + " TIMESTAMP'2024-06-01 00:00:00.000' + INTERVAL seq SECOND"
                        + " FROM seq_" + first + "_to_" + last);
            }
            statement.execute("UPDATE " + table + " SET status = status + 1 WHERE id <= " + updates);
            String[] end = position(statement);
            return new Range(database, table, start[0], Long.parseLong(start[1]), end[0], Long.parseLong(end[1]),
                    inserts + updates, inserts, updates);
        }
    }

    /** The expected {@code status} of row {@code id} at the end. */
    static int expectedStatus(long id, Range range) {
        return (int) (id % 5) + (id <= range.updated() ? 1 : 0);
    }

    /** The expected {@code name} of row {@code id}. */
    static String expectedNamePrefix(long id) {
        return String.format("customer-%010d-", id);
    }

    private static String[] position(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("SHOW MASTER STATUS returned nothing: is the binlog on?");
            }
            return new String[] {rs.getString("File"), String.valueOf(rs.getLong("Position"))};
        }
    }
}
