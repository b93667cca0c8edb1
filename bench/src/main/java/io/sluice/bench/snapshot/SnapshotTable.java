package io.sluice.bench.snapshot;

import io.sluice.bench.BinlogData;
import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table the snapshot scenario reads: ten columns of common types (the shape of the binlog
 * scenario's rows), filled with MariaDB's sequence engine, analysed so every system sees a current
 * row estimate, and read once so it is in the buffer pool before any system is timed.
 */
record SnapshotTable(String database, String table, long rows, long bytes) {
    static final String TABLE = "orders";

    static SnapshotTable create(MariaDbServer server, long rows) throws SQLException {
        String database = server.createDatabase("snapbench");
        server.execute(database, "CREATE TABLE " + TABLE + " (" + BinlogData.COLUMNS + ") ENGINE=InnoDB");
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            long batch = 100_000;
            for (long first = 1; first <= rows; first += batch) {
                long last = Math.min(rows, first + batch - 1);
                st.execute("INSERT INTO " + TABLE + " SELECT seq, seq % 10007, seq * 1.25, seq / 7.0,"
                        + " seq % 5, CONCAT('customer-', LPAD(seq, 10, '0'), '-', MD5(seq)),"
                        + " CONCAT('user', seq, '@example.com'), CONCAT('note for row ', seq),"
                        + " TIMESTAMP'2024-01-01 00:00:00.000000' + INTERVAL seq SECOND,"
                        + " TIMESTAMP'2024-06-01 00:00:00.000' + INTERVAL seq SECOND"
                        + " FROM seq_" + first + "_to_" + last);
            }
            st.execute("ANALYZE TABLE " + TABLE);
            long bytes;
            try (ResultSet rs = st.executeQuery("SELECT DATA_LENGTH FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + TABLE + "'")) {
                rs.next();
                bytes = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(LENGTH(note)) FROM " + TABLE)) {
                rs.next();
                if (rs.getLong(1) != rows) {
                    throw new IllegalStateException("wrote " + rows + " rows but the table has " + rs.getLong(1));
                }
            }
            return new SnapshotTable(database, TABLE, rows, bytes);
        }
    }
}
