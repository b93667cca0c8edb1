package io.sluice.bench;

import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes scenario 1's data: half the row changes as inserts in 1000-row transactions, the other
 * half as one UPDATE of that many rows (a single large transaction), into a 10-column table of
 * about 150 bytes a row image. 1M changes make about 200 MB of binlog.
 */
public final class BinlogData {
    static final String TABLE = "bench_rows";
    static final int ROWS_PER_INSERT = 1000;

    /**
     * The 10 columns of every scenario's row table (binlog, snapshot and sinks), about 150 bytes
     * per row image.
     */
    public static final String COLUMNS = "id BIGINT NOT NULL PRIMARY KEY,"
            + " account INT NOT NULL,"
            + " amount DECIMAL(12,2) NOT NULL,"
            + " price DOUBLE NOT NULL,"
            + " status TINYINT NOT NULL,"
            + " name VARCHAR(64) NOT NULL,"
            + " email VARCHAR(64) NOT NULL,"
            + " note VARCHAR(255),"
            + " created_at DATETIME(6) NOT NULL,"
            + " updated_at TIMESTAMP(3) NOT NULL";

    private static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (" + COLUMNS + ") ENGINE=InnoDB";

    private BinlogData() {}

    /** Writes {@code changes} row changes into a new database and returns their binlog range. */
    static BinlogRange write(MariaDbServer server, long changes) throws SQLException {
        if (changes < 2) {
            throw new IllegalArgumentException("rows must be at least 2 (inserts and updates), got " + changes);
        }
        long inserts = changes - changes / 2;
        long updates = changes / 2;
        String database = server.createDatabase("bench");
        server.execute(database, CREATE_TABLE);
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            Position start = position(statement);
            for (long first = 1; first <= inserts; first += ROWS_PER_INSERT) {
                long last = Math.min(inserts, first + ROWS_PER_INSERT - 1);
                // autocommit: one transaction per statement; MariaDB's sequence engine makes the rows
                statement.execute("INSERT INTO " + TABLE + " SELECT seq, seq % 10007, seq * 1.25, seq / 7.0,"
                        + " seq % 5, CONCAT('customer-', LPAD(seq, 10, '0'), '-', MD5(seq)),"
                        + " CONCAT('user', seq, '@example.com'), CONCAT('note for row ', seq),"
                        + " TIMESTAMP'2024-01-01 00:00:00.000000' + INTERVAL seq SECOND,"
                        + " TIMESTAMP'2024-06-01 00:00:00.000' + INTERVAL seq SECOND"
                        + " FROM seq_" + first + "_to_" + last);
            }
            statement.execute("UPDATE " + TABLE + " SET status = status + 1, amount = amount + 1,"
                    + " updated_at = updated_at + INTERVAL 1 DAY WHERE id <= " + updates);
            Position end = position(statement);
            long bytes = bytesBetween(statement, start, end);
            return new BinlogRange(server.host(), server.port(), server.user(), server.password(), database, TABLE,
                    start.file(), start.offset(), end.file(), end.offset(), inserts + updates, bytes);
        }
    }

    private static Position position(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("SHOW MASTER STATUS returned nothing: is the binlog on?");
            }
            return new Position(rs.getString("File"), rs.getLong("Position"));
        }
    }

    private static long bytesBetween(Statement statement, Position start, Position end) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        long bytes = 0;
        for (Map.Entry<String, Long> file : sizes.entrySet()) {
            String name = file.getKey();
            if (name.compareTo(start.file()) < 0 || name.compareTo(end.file()) > 0) {
                continue;
            }
            long from = name.equals(start.file()) ? start.offset() : 0;
            long to = name.equals(end.file()) ? end.offset() : file.getValue();
            bytes += to - from;
        }
        return bytes;
    }

    private record Position(String file, long offset) {}
}
