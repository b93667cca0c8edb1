package io.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.Values;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Tables that start to match the patterns after the job started, against a real MariaDB, with a
 * writer changing the tables all the time: a job restored with wider patterns, and a populated
 * table renamed into a captured name while the job streams. With {@code scanNewlyAddedTables}
 * the upserted result equals the tables exactly; without it, a renamed table's rows from before
 * the rename never arrive.
 */
class NewTablesITCase {
    private static final int ROWS = 3_000;
    private static final int PARALLELISM = 2;
    /** Snapshot rows seen, per table name, by the job running now. */
    static final Map<String, AtomicLong> READS = new ConcurrentHashMap<>();
    /** Every event, in the order the upserts see them (across a restore from a savepoint). */
    static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    /** Fail the job once, when this many snapshot rows of {@link #failTable} were seen (0: never). */
    static volatile long failAtRead;
    static volatile String failTable;
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void restoredWithWiderPatternsSnapshotsOnlyTheTablesTheyAdd(@TempDir Path savepoints) throws Exception {
        String db = server.createDatabase("widened");
        createTable(db, "old_a", ROWS);
        createTable(db, "new_b", ROWS);
        server.execute(db, "CREATE TABLE marker (id INT PRIMARY KEY)");
        long firstId = serverIds();
        try (Writer writer = new Writer(db, "old_a", "new_b")) {
            UpsertState.reset();
            READS.clear();
            EVENTS.clear();
            BinlogSourceConfig narrow = config(db, firstId, "old_a|marker").scanNewlyAddedTables(true).build();
            String savepoint;
            try (Job job = Job.start(narrow, null)) {
                writer.start();
                await(() -> UpsertState.BINLOG_ROWS_SEEN.get() > 200, "binlog changes after the first snapshot");
                savepoint = job.client.stopWithSavepoint(false, savepoints.toUri().toString(),
                        SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
            }
            assertThat(reads("old_a")).as("the first run snapshots old_a").isGreaterThanOrEqualTo(ROWS - 200);
            assertThat(reads("new_b")).as("the first run does not read new_b").isZero();

            READS.clear();
            long binlogBefore = UpsertState.BINLOG_ROWS_SEEN.get();
            BinlogSourceConfig wide = config(db, firstId, "old_a|new_b|marker").scanNewlyAddedTables(true).build();
            try (Job job = Job.start(wide, savepoint)) {
                await(() -> reads("new_b") > 0 && UpsertState.BINLOG_ROWS_SEEN.get() > binlogBefore + 400,
                        "the snapshot of new_b and binlog changes after it");
                writer.stop();
                Map<String, String> actual = job.resultAfterMarker(db);
                Map<String, String> expected = expected(db, "old_a", "new_b");
                System.out.println("widened patterns: " + writer.writes() + " writes, " + READS + " snapshot rows"
                        + " after the restore, " + expected.size() + " rows at the end");

                assertThat(reads("old_a")).as("old_a is not snapshotted again").isZero();
                assertThat(reads("new_b")).as("new_b is snapshotted").isGreaterThanOrEqualTo(ROWS - 400);
                assertThat(SnapshotWorkload.differences(expected, actual)).isEmpty();
                assertThat(actual).isEqualTo(expected);
                assertThat(SnapshotWorkload.inconsistencies(EVENTS)).as("no gap, no repeat").isEmpty();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aPopulatedTableRenamedIntoThePatternsIsSnapshotted() throws Exception {
        String db = server.createDatabase("renamed");
        createTable(db, "shard_1", ROWS);
        createTable(db, "staging", ROWS);
        server.execute(db, "CREATE TABLE marker (id INT PRIMARY KEY)");
        try (Writer writer = new Writer(db, "shard_1", "staging")) {
            UpsertState.reset();
            READS.clear();
            EVENTS.clear();
            BinlogSourceConfig config = config(db, serverIds(), "shard_\\d+|marker").scanNewlyAddedTables(true).build();
            try (Job job = Job.start(config, null)) {
                writer.start();
                await(() -> UpsertState.BINLOG_ROWS_SEEN.get() > 200, "binlog changes after the first snapshot");
                assertThat(reads("shard_2")).isZero();

                writer.rename("staging", "shard_2");
                long binlogAfterRename = UpsertState.BINLOG_ROWS_SEEN.get();
                await(() -> reads("shard_2") > 0 && UpsertState.BINLOG_ROWS_SEEN.get() > binlogAfterRename + 400,
                        "the snapshot of shard_2 and binlog changes after it");
                writer.stop();
                Map<String, String> actual = job.resultAfterMarker(db);
                Map<String, String> expected = expected(db, "shard_1", "shard_2");
                System.out.println("renamed table: " + writer.writes() + " writes, " + READS + " snapshot rows, "
                        + expected.size() + " rows at the end");

                assertThat(reads("shard_2")).as("shard_2 is snapshotted").isGreaterThanOrEqualTo(ROWS - 400);
                assertThat(SnapshotWorkload.differences(expected, actual)).isEmpty();
                assertThat(actual).isEqualTo(expected);
                assertThat(SnapshotWorkload.inconsistencies(EVENTS)).as("no gap, no repeat").isEmpty();
                assertThat(EVENTS).filteredOn(e -> e instanceof io.sluice.event.SchemaChange c
                        && c.table().table().equals("shard_2")).as("the rename, once").hasSize(1);
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void withoutTheOptionARenamedTableIsOnlyStreamedFromTheRename() throws Exception {
        String db = server.createDatabase("renamedoff");
        createTable(db, "shard_1", ROWS);
        createTable(db, "staging", ROWS);
        server.execute(db, "CREATE TABLE marker (id INT PRIMARY KEY)");
        try (Writer writer = new Writer(db, "shard_1")) {
            UpsertState.reset();
            READS.clear();
            EVENTS.clear();
            BinlogSourceConfig config = config(db, serverIds(), "shard_\\d+|marker").build();
            try (Job job = Job.start(config, null)) {
                writer.start();
                await(() -> UpsertState.BINLOG_ROWS_SEEN.get() > 200, "binlog changes after the first snapshot");
                server.execute(db, "RENAME TABLE staging TO shard_2",
                        "UPDATE shard_2 SET v = -1 WHERE id <= 5",
                        "INSERT INTO shard_2 (id, v, s) VALUES (100000, 7, 'after')");
                writer.stop();
                Map<String, String> actual = job.resultAfterMarker(db);
                Map<String, String> expected = expected(db, "shard_1");
                Map<String, String> shard2 = expected(db, "shard_2");
                // only the rows changed after the rename: the others were never in the binlog
                shard2.keySet().removeIf(k -> !k.matches("shard_2 \\[(1|2|3|4|5|100000)]"));
                expected.putAll(shard2);

                assertThat(reads("shard_2")).as("shard_2 is not snapshotted").isZero();
                assertThat(shard2).hasSize(6);
                assertThat(SnapshotWorkload.differences(expected, actual)).isEmpty();
                assertThat(actual).isEqualTo(expected);
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFailureDuringTheSnapshotOfARenamedTableResumesIt() throws Exception {
        String db = server.createDatabase("renamedfail");
        createTable(db, "shard_1", ROWS);
        createTable(db, "staging", 2 * ROWS);
        server.execute(db, "CREATE TABLE marker (id INT PRIMARY KEY)");
        try (Writer writer = new Writer(db, "shard_1", "staging")) {
            UpsertState.reset();
            READS.clear();
            EVENTS.clear();
            FAILED.set(false);
            failTable = "shard_2";
            failAtRead = ROWS;
            BinlogSourceConfig config = config(db, serverIds(), "shard_\\d+|marker").scanNewlyAddedTables(true)
                    .chunkSize(100).build();
            try (Job job = Job.start(config, null)) {
                writer.start();
                await(() -> UpsertState.BINLOG_ROWS_SEEN.get() > 200, "binlog changes after the first snapshot");
                writer.rename("staging", "shard_2");
                await(() -> FAILED.get(), "the injected failure");
                long binlogAfterFailure = UpsertState.BINLOG_ROWS_SEEN.get();
                await(() -> UpsertState.BINLOG_ROWS_SEEN.get() > binlogAfterFailure + 400,
                        "binlog changes after the snapshot of shard_2");
                writer.stop();
                Map<String, String> actual = job.resultAfterMarker(db);
                Map<String, String> expected = expected(db, "shard_1", "shard_2");
                System.out.println("renamed table with a failure: " + writer.writes() + " writes, " + READS
                        + " snapshot rows, restored with " + UpsertState.RESTORED_WITH_ROWS + " rows, "
                        + expected.size() + " rows at the end");

                assertThat(UpsertState.RESTORED_WITH_ROWS).as("restored once").hasSize(1);
                assertThat(SnapshotWorkload.differences(expected, actual)).isEmpty();
                assertThat(actual).isEqualTo(expected);
            }
        } finally {
            failAtRead = 0;
            failTable = null;
        }
    }

    private static long reads(String table) {
        AtomicLong n = READS.get(table);
        return n == null ? 0 : n.get();
    }

    private void createTable(String db, String table, int rows) {
        server.execute(db, "CREATE TABLE " + table + " (id INT PRIMARY KEY AUTO_INCREMENT, v INT, s VARCHAR(30))",
                "INSERT INTO " + table + " (id, v, s) SELECT seq, seq % 97, CONCAT('row-', seq) FROM seq_1_to_" + rows);
    }

    /** A range of {@link #PARALLELISM} server ids: one per snapshot reader. */
    private static long serverIds() {
        long first = SourceTestSupport.nextServerId();
        for (int i = 1; i < PARALLELISM; i++) {
            SourceTestSupport.nextServerId();
        }
        return first;
    }

    private BinlogSourceConfig.Builder config(String db, long firstServerId, String tables) {
        return SourceTestSupport.config(server, db)
                .serverIdRange(firstServerId, firstServerId + PARALLELISM - 1)
                .tables(db + "\\.(" + tables + ")", null)
                .startup(StartupOptions.initial())
                .chunkSize(500)
                .handoverTimeout(Duration.ofSeconds(5));
    }

    /** The rows of the tables now, keyed like {@link SnapshotWorkload#apply}. */
    private Map<String, String> expected(String db, String... tables) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM `" + table + "`")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Object[] row = new Object[md.getColumnCount()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = Values.normalize(rs.getObject(i + 1));
                        }
                        rows.put(SnapshotWorkload.entryKey(new TableId(db, table), new Object[] {row[0]}),
                                Values.toString(row));
                    }
                }
            }
        }
        return rows;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; snapshot rows " + READS
                        + ", binlog changes " + UpsertState.BINLOG_ROWS_SEEN.get());
            }
            Thread.sleep(50);
        }
    }

    /** Counts snapshot rows per table into {@link #READS}, keeps every event in {@link #EVENTS}, passes it on. */
    private static Event countReads(Event e) {
        EVENTS.add(e);
        if (e instanceof RowChange r && r.op() == Op.READ) {
            long n = READS.computeIfAbsent(r.table().table(), t -> new AtomicLong()).incrementAndGet();
            if (n == failAtRead && r.table().table().equals(failTable) && !FAILED.getAndSet(true)) {
                throw new IllegalStateException("injected failure after " + n + " snapshot rows of " + failTable);
            }
        }
        return e;
    }

    /**
     * The source, a snapshot-row counter and {@link UpsertState}, both at parallelism 1 (so the
     * counter sees the order the upserts do), with uids so a savepoint restores them; checkpoints
     * every 200 ms, and up to three restarts from the last one.
     */
    private static final class Job implements AutoCloseable {
        final JobClient client;
        final CloseableIterator<String> results;

        private Job(JobClient client, CloseableIterator<String> results) {
            this.client = client;
            this.results = results;
        }

        @SuppressWarnings("deprecation")
        static Job start(BinlogSourceConfig config, String savepoint) throws Exception {
            Configuration conf = new Configuration();
            if (savepoint != null) {
                conf.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
                conf.set(SavepointConfigOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(PARALLELISM);
            env.getConfig().disableGenericTypes();
            env.enableCheckpointing(200);
            env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Time.milliseconds(200)));
            CloseableIterator<String> results = env
                    .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                    .uid("binlog")
                    .map(NewTablesITCase::countReads)
                    .returns(io.sluice.event.EventTypeInfo.INSTANCE)
                    .uid("count-reads")
                    .setParallelism(1)
                    .transform("upserts", Types.STRING, new UpsertState(0))
                    .uid("upserts")
                    .setParallelism(1)
                    .collectAsync();
            return new Job(env.executeAsync("new tables test"), results);
        }

        /** Inserts the marker row after every other change and returns the upserted rows then. */
        Map<String, String> resultAfterMarker(String db) throws Exception {
            MariaDbServer.shared().execute(db, "INSERT INTO marker VALUES (1)");
            String result = results.next();
            Map<String, String> rows = new TreeMap<>();
            for (String line : result.split("\n")) {
                if (!line.isEmpty()) {
                    int tab = line.indexOf('\t');
                    rows.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            return rows;
        }

        @Override
        public void close() throws Exception {
            results.close();
            try {
                client.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception alreadyOver) {
                // stopped with a savepoint, or cancelled by closing the results
            }
        }
    }

    /**
     * Inserts, updates (keys too) and deletes rows of the given tables until stopped; {@link
     * #rename} renames one of them while it writes, and it goes on writing under the new name.
     */
    private final class Writer implements AutoCloseable {
        private final String db;
        private final String[] tables;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong writes = new AtomicLong();
        private Thread thread;
        private volatile Throwable failure;

        Writer(String db, String... tables) {
            this.db = db;
            this.tables = tables.clone();
        }

        void start() {
            thread = new Thread(this::write, "new-tables-writer");
            thread.setDaemon(true);
            thread.start();
        }

        long writes() {
            return writes.get();
        }

        /** Renames a table while writing, then writes to it under the new name. */
        void rename(String from, String to) throws InterruptedException {
            long before = writes.get();
            server.execute(db, "RENAME TABLE " + from + " TO " + to);
            synchronized (tables) {
                for (int i = 0; i < tables.length; i++) {
                    if (tables[i].equals(from)) {
                        tables[i] = to;
                    }
                }
            }
            // some writes under the new name before the test goes on
            while (writes.get() < before + 200 && failure == null) {
                Thread.sleep(10);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            if (thread != null) {
                thread.join(30_000);
            }
            if (failure != null) {
                throw new AssertionError("the writer failed", failure);
            }
        }

        private void write() {
            Random random = new Random(17);
            int nextKey = 1_000_000;
            try (Connection c = server.connect(db); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    String table;
                    synchronized (tables) {
                        table = tables[random.nextInt(tables.length)];
                    }
                    int n = random.nextInt(ROWS) + 1;
                    String sql = switch (random.nextInt(4)) {
                        case 0 -> "INSERT INTO " + table + " (v, s) VALUES (" + n + ", 'new')";
                        case 1 -> "UPDATE " + table + " SET v = v + 1, s = 'upd' WHERE id = " + n;
                        case 2 -> "DELETE FROM " + table + " WHERE id = " + n;
                        default -> "UPDATE IGNORE " + table + " SET id = " + (nextKey++) + " WHERE id = " + n;
                    };
                    try {
                        st.execute(sql);
                        writes.incrementAndGet();
                    } catch (SQLException e) {
                        if (e.getErrorCode() != 1146) { // the table was renamed just now
                            throw e;
                        }
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (!stop.get()) {
                stop();
            }
        }
    }
}
