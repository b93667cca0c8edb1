package io.sluice.source;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.Values;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tables for the snapshot tests (an integer key, a composite key, a text key whose collation
 * orders differently from Java, an empty table) and a writer that inserts, updates (keys too) and
 * deletes while a snapshot runs; the expected end state is {@code SELECT *} of the final tables.
 */
final class SnapshotWorkload implements AutoCloseable {
    static final List<String> TABLES = List.of("ints", "composite", "strs", "empty");

    final MariaDbServer server;
    final String db;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong writes = new AtomicLong();
    private Thread writer;
    private volatile Throwable writerFailure;
    private long pauseMicros;

    SnapshotWorkload(MariaDbServer server, String prefix, int intRows, int compositeRows, int stringRows) {
        this.server = server;
        this.db = server.createDatabase(prefix);
        server.execute(db,
                "CREATE TABLE ints (id INT PRIMARY KEY AUTO_INCREMENT, v INT, s VARCHAR(30))",
                "CREATE TABLE composite (a INT, b VARCHAR(20), v INT, PRIMARY KEY (a, b)) DEFAULT CHARSET=utf8mb4",
                // utf8mb4_general_ci orders 'Äb' < 'K1' = 'k1' < 'Z', Java orders 'K1' < 'Z' < 'k1' < 'Äb'
                "CREATE TABLE strs (k VARCHAR(40) PRIMARY KEY, v INT) DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE empty (id BIGINT PRIMARY KEY, v INT)",
                "CREATE TABLE marker (id INT PRIMARY KEY)",
                "INSERT INTO ints (id, v, s) SELECT seq, seq % 97, CONCAT('row-', seq) FROM seq_1_to_" + intRows,
                "INSERT INTO composite SELECT seq DIV 10, IF(seq % 2 = 0, CONCAT('b-', seq % 10), CONCAT('B_', seq % 10)),"
                        + " seq FROM seq_1_to_" + compositeRows,
                "INSERT INTO strs SELECT " + stringKey("seq") + ", seq FROM seq_1_to_" + stringRows);
    }

    /** Keys in three case and accent variants, unique under the column's collation. */
    private static String stringKey(String n) {
        return "CASE " + n + " % 3 WHEN 0 THEN CONCAT('k', " + n + ") WHEN 1 THEN CONCAT('K-', " + n + ")"
                + " ELSE CONCAT('\u00c4', " + n + ") END";
    }

    /** Reads every table of the workload's database, as {@code initial}, with one server id per reader. */
    BinlogSourceConfig.Builder config(int parallelism, int chunkSize) {
        long first = SourceTestSupport.nextServerId();
        for (int i = 1; i < parallelism; i++) {
            SourceTestSupport.nextServerId();
        }
        return SourceTestSupport.config(server, db)
                .serverIdRange(first, first + parallelism - 1)
                .startup(StartupOptions.initial())
                .chunkSize(chunkSize)
                .handoverTimeout(Duration.ofSeconds(5));
    }

    /**
     * Starts writing random changes on a thread of its own until {@link #stopWriting()}, pausing
     * {@code pauseMicros} after each.
     */
    void startWriting(long seed, long pauseMicros) {
        this.pauseMicros = pauseMicros;
        writer = new Thread(() -> write(new Random(seed)), "snapshot-test-writer");
        writer.setDaemon(true);
        writer.start();
    }

    long writes() {
        return writes.get();
    }

    void stopWriting() throws InterruptedException {
        stop.set(true);
        if (writer != null) {
            writer.join(30_000);
        }
        if (writerFailure != null) {
            throw new AssertionError("the writer failed", writerFailure);
        }
    }

    private void write(Random random) {
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            int nextKey = 1_000_000;
            while (!stop.get()) {
                int n = random.nextInt(3000) + 1;
                String sql = switch (random.nextInt(13)) {
                    case 0 -> "INSERT INTO ints (v, s) VALUES (" + n + ", 'new')";
                    case 1 -> "UPDATE ints SET v = v + 1, s = 'upd' WHERE id = " + n;
                    case 2 -> "DELETE FROM ints WHERE id = " + n;
                    // moves a row to the last chunk, or back
                    case 3 -> "UPDATE IGNORE ints SET id = id + " + (nextKey++) + " WHERE id = " + n;
                    case 4 -> "INSERT IGNORE INTO composite VALUES (" + (n / 10) + ", 'x-" + n + "', " + n + ")";
                    case 5 -> "UPDATE composite SET v = v + 1 WHERE a = " + (n / 10);
                    case 6 -> "DELETE FROM composite WHERE a = " + (n / 10) + " AND b LIKE 'b-%'";
                    case 7 -> "UPDATE IGNORE composite SET a = a + 1000 WHERE a = " + (n / 10) + " AND b LIKE 'B%'";
                    case 8 -> "INSERT IGNORE INTO strs VALUES (" + keyLiteral(n + 5000) + ", " + n + ")";
                    case 9 -> "UPDATE strs SET v = v + 1 WHERE k = " + keyLiteral(n);
                    case 10 -> "DELETE FROM strs WHERE k = " + keyLiteral(n);
                    case 11 -> "UPDATE IGNORE strs SET k = CONCAT('a', k) WHERE k = " + keyLiteral(n);
                    default -> null;
                };
                if (sql == null) {
                    // a transaction over two tables
                    c.setAutoCommit(false);
                    st.execute("UPDATE ints SET v = 0 WHERE id BETWEEN " + n + " AND " + (n + 20));
                    st.execute("DELETE FROM strs WHERE k = " + keyLiteral(n + 1));
                    st.execute("INSERT IGNORE INTO composite VALUES (" + (n / 10) + ", 'tx-" + n + "', 0)");
                    c.commit();
                    c.setAutoCommit(true);
                } else {
                    st.execute(sql);
                }
                writes.incrementAndGet();
                if (pauseMicros > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pauseMicros * 1000);
                }
            }
        } catch (Throwable t) {
            writerFailure = t;
        }
    }

    private static String keyLiteral(int n) {
        return switch (n % 3) {
            case 0 -> "'k" + n + "'";
            case 1 -> "'K-" + n + "'";
            default -> "'\u00c4" + n + "'";
        };
    }

    /** Ends the stream's wait: inserts the marker row after every other change. */
    void insertMarker() {
        server.execute(db, "INSERT INTO empty VALUES (1, 1)", "INSERT INTO marker VALUES (1)");
    }

    static boolean isMarker(Event e) {
        return e instanceof RowChange r && r.table().table().equals("marker");
    }

    /** The rows of the workload's tables now: (table, key) to the row's values. */
    Map<String, String> expected() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                int keyColumns = table.equals("composite") ? 2 : 1;
                try (ResultSet rs = st.executeQuery("SELECT * FROM `" + table + "`")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Object[] row = new Object[md.getColumnCount()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = Values.normalize(rs.getObject(i + 1));
                        }
                        Object[] key = new Object[keyColumns];
                        System.arraycopy(row, 0, key, 0, keyColumns);
                        rows.put(entryKey(new TableId(db, table), key), Values.toString(row));
                    }
                }
            }
        }
        return rows;
    }

    static String entryKey(TableId table, Object[] key) {
        return table.table() + " " + Values.toString(key);
    }

    /** Applies events in order to a map like {@link #expected()}: snapshot rows and inserts upsert, and so on. */
    static void apply(Map<String, String> state, Event event) {
        if (!(event instanceof RowChange r) || r.table().table().equals("marker")) {
            return;
        }
        if (r.before() != null) {
            state.remove(entryKey(r.table(), RowChange.keyOf(r.schema(), r.before())));
        }
        if (r.after() != null) {
            state.put(entryKey(r.table(), RowChange.keyOf(r.schema(), r.after())), Values.toString(r.after()));
        }
    }

    /**
     * Applies events like {@link #apply}, and lists every event that does not follow from the
     * state before it: an insert or snapshot read of a row already there, an update or delete whose
     * before image is not the row as it is. An uninterrupted stream with no gap and no repeat has
     * none.
     */
    static List<String> inconsistencies(List<Event> events) {
        Map<String, String> state = new TreeMap<>();
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (!(e instanceof RowChange r) || r.table().table().equals("marker")) {
                continue;
            }
            String beforeKey = r.before() == null ? null : entryKey(r.table(), RowChange.keyOf(r.schema(), r.before()));
            String afterKey = r.after() == null ? null : entryKey(r.table(), RowChange.keyOf(r.schema(), r.after()));
            if (r.before() != null && !Values.toString(r.before()).equals(state.get(beforeKey)) && out.size() < 20) {
                out.add(r + ": the row was " + state.get(beforeKey));
            }
            if ((r.op() == Op.INSERT || r.op() == Op.READ) && state.containsKey(afterKey) && out.size() < 20) {
                out.add(r + ": the row was already " + state.get(afterKey));
            }
            apply(state, e);
        }
        return out;
    }

    static Map<String, String> applyAll(List<Event> events) {
        Map<String, String> state = new TreeMap<>();
        for (Event e : events) {
            apply(state, e);
        }
        return state;
    }

    /** Describes how two states differ, at most a few entries of each kind. */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = actual.get(e.getKey());
            if (!e.getValue().equals(got) && out.size() < 20) {
                out.add(e.getKey() + ": expected " + e.getValue() + " but was " + got);
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k) && out.size() < 40) {
                out.add(k + ": not in the table but emitted as " + actual.get(k));
            }
        }
        return out;
    }

    static boolean isSnapshotRow(Event e) {
        return e instanceof RowChange r && r.op() == Op.READ;
    }

    @Override
    public void close() throws InterruptedException {
        stopWriting();
    }
}
