package io.sluice.source;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers of the source tests: configs for a test database, bounded reads. */
final class SourceTestSupport {
    private static final AtomicLong SERVER_IDS = new AtomicLong(5400 + (ProcessHandle.current().pid() % 1000) * 100);

    private SourceTestSupport() {}

    static long nextServerId() {
        return SERVER_IDS.incrementAndGet();
    }

    /** Reads every table of {@code db}, as root, with a fresh server id. */
    static BinlogSourceConfig.Builder config(MariaDbServer server, String db) {
        return BinlogSourceConfig.builder()
                .hostname(server.host())
                .port(server.port())
                .username(server.user())
                .password(server.password())
                .serverId(nextServerId())
                .tables(db + "\\..*", null);
    }

    /** The server's current binlog position, as a start position. */
    static StartupOptions now(MariaDbServer server) throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return StartupOptions.position(rs.getString(1), rs.getLong(2));
        }
    }

    static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        return env;
    }

    /** Runs the source up to the server's position now and returns everything it emitted. */
    static List<Event> readUntilNow(BinlogSourceConfig.Builder config) throws Exception {
        StreamExecutionEnvironment env = env();
        DataStream<Event> events = env.fromSource(
                new BinlogSource(config.stopAt(StopOptions.atLatest()).build()), WatermarkStrategy.noWatermarks(), "binlog");
        List<Event> out = new ArrayList<>();
        try (CloseableIterator<Event> it = events.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static List<RowChange> rows(List<Event> events) {
        return events.stream().filter(e -> e instanceof RowChange).map(e -> (RowChange) e).toList();
    }
}
