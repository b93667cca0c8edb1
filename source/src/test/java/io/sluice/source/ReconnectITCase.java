package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.env;
import static io.sluice.source.SourceTestSupport.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.source.binlog.BinlogStream;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The source rides out a restart and a crash of the server while a writer keeps committing. */
class ReconnectITCase {
    private static final int ROWS = 6000;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void continuesFromTheExactPositionAfterRestartAndCrash() throws Exception {
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            String db = server.createDatabase("reconnect");
            server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            BinlogSourceConfig config = config(server, db)
                    .startup(now(server))
                    .heartbeatInterval(Duration.ofSeconds(1))
                    .reconnectTimeout(Duration.ofMinutes(2))
                    .build();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> write(server, db, written), "writer");

            List<Long> ids = new ArrayList<>();
            try (CloseableIterator<Event> events = env()
                    .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                    .executeAndCollect()) {
                writer.start();
                // each fault strikes while the source is streaming: right after it delivered a row
                while (ids.size() < ROWS && events.hasNext()) {
                    RowChange row = (RowChange) events.next();
                    assertThat(row.op()).isEqualTo(Op.INSERT);
                    ids.add((Long) row.after()[0]);
                    if (ids.size() == ROWS / 3) {
                        server.stop();
                        Thread.sleep(1500);
                        server.start();
                    } else if (ids.size() == 2 * ROWS / 3) {
                        server.kill();
                        Thread.sleep(500);
                        server.start();
                    }
                }
                writer.join();
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= ROWS; i++) {
                expected.add(i);
            }
            assertThat(ids).containsExactlyElementsOf(expected);
        }
    }

    /** Inserts rows 1..ROWS one transaction each, riding out the server's absence. */
    /**
     * A job held back longer than the heartbeat window (a sink outage) keeps the binlog thread
     * waiting to hand records over; that is not a silent connection: no reconnect, and every row
     * comes once when the job takes records again.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void backPressureLongerThanTheHeartbeatWindowDoesNotReconnect() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("backpressure");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        StartupOptions start = now(server);
        int rows = 60_000; // more than the hand-over queue holds (16 batches of 2048)
        server.execute(db, "INSERT INTO t SELECT seq, 'x' FROM seq_1_to_" + rows);
        BinlogSourceConfig config = config(server, db).startup(start).heartbeatInterval(Duration.ofSeconds(1)).build();
        BinlogStream stream = new BinlogStream(config, BinlogPosition.at(start.file(), start.position()), null,
                Map.of());
        stream.start();
        try {
            Thread.sleep(8_000); // the job takes nothing for more than the 3 s without events
            long seen = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (seen < rows && System.currentTimeMillis() < deadline) {
                for (SourceRecord record : stream.poll(100)) {
                    if (record.event() instanceof RowChange) {
                        seen++;
                    }
                }
            }
            assertThat(seen).isEqualTo(rows);
            assertThat(stream.reconnects()).as("reconnects while the job was held back").isZero();
        } finally {
            stream.close();
        }
    }

    /**
     * The server ends the binlog connection ({@code KILL}) while a transaction of a million rows
     * streams (more than the client and the socket buffer): the source reconnects and resumes
     * inside the transaction, with every row once and in order.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledConnectionInsideALargeTransactionResumesInsideIt() throws Exception {
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            String db = server.createDatabase("killed");
            server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            StartupOptions start = now(server);
            int rows = 1_000_000;
            server.execute(db, "INSERT INTO t SELECT seq, 'x' FROM seq_1_to_" + rows);
            BinlogSourceConfig config = config(server, db).startup(start).heartbeatInterval(Duration.ofSeconds(1))
                    .build();
            BinlogStream stream = new BinlogStream(config, BinlogPosition.at(start.file(), start.position()), null,
                    Map.of());
            stream.start();
            List<Integer> ids = new ArrayList<>(rows);
            boolean killed = false;
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (ids.size() < rows && System.currentTimeMillis() < deadline) {
                    List<SourceRecord> batch = stream.poll(100);
                    for (SourceRecord record : batch == null ? List.<SourceRecord>of() : batch) {
                        if (record.event() instanceof RowChange row) {
                            ids.add(((Number) row.after()[0]).intValue());
                        }
                    }
                    if (!killed && ids.size() >= 30_000) {
                        assertThat(ids.size()).as("still inside the transaction when the connection dies").isLessThan(rows);
                        server.execute(null, "KILL " + binlogDumpThread(server));
                        killed = true;
                    }
                }
                assertThat(killed).isTrue();
                assertThat(stream.reconnects()).as("reconnects after the kill").isGreaterThanOrEqualTo(1);
            } finally {
                stream.close();
            }
            // compared by hand: AssertJ's diff of two lists of a million takes minutes
            int firstWrong = -1;
            for (int i = 0; i < Math.min(ids.size(), rows) && firstWrong < 0; i++) {
                if (ids.get(i) != i + 1) {
                    firstWrong = i;
                }
            }
            assertThat(firstWrong).as("the first row out of order or repeated (%s)", firstWrong < 0 ? ""
                    : ids.subList(Math.max(0, firstWrong - 3), Math.min(ids.size(), firstWrong + 3))).isEqualTo(-1);
            assertThat(ids).hasSize(rows);
        }
    }

    /** The id of the server's one binlog dump thread: the source's connection. */
    private static long binlogDumpThread(MariaDbServer server) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                        + " WHERE COMMAND LIKE 'Binlog Dump%'")) {
            assertThat(rs.next()).as("a binlog dump thread").isTrue();
            long id = rs.getLong(1);
            assertThat(rs.next()).as("only one binlog dump thread").isFalse();
            return id;
        }
    }

    private static void write(MariaDbServer server, String db, AtomicInteger written) {
        Connection c = null;
        for (int id = 1; id <= ROWS; ) {
            try {
                if (c == null) {
                    c = server.connect(db);
                }
                if (!exists(c, id)) {
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                        st.setInt(1, id);
                        st.setString(2, "v" + id);
                        st.executeUpdate();
                    }
                }
                written.set(id);
                id++;
            } catch (SQLException e) {
                // server down: reconnect, then check whether the last insert committed
                c = null;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static boolean exists(Connection c, int id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM t WHERE id = ?")) {
            st.setInt(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
