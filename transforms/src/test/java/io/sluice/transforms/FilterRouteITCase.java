package io.sluice.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.source.BinlogSource;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;
import io.sluice.testkit.MariaDbServer;
import io.sluice.event.ColumnSelection;
import io.sluice.transforms.filter.FilterOp;
import io.sluice.transforms.filter.FilterSpec;
import io.sluice.transforms.filter.Filters;
import io.sluice.transforms.route.RouteSpec;
import io.sluice.transforms.route.Routes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters and a shard-merging route on a real binlog, event by event: updates entering and
 * leaving the predicate become inserts and deletes, excluded columns and DDL are dropped, and
 * shards with overlapping ids stay apart through the shard key.
 */
class FilterRouteITCase {
    private static final long SERVER_ID = 6300 + ProcessHandle.current().pid() % 100;

    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    void filtersAndShardKeyRouteOnARealBinlog() throws Exception {
        String db = server.createDatabase("routes");
        server.execute(db,
                "CREATE TABLE orders_0 (id INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(20))",
                "CREATE TABLE orders_1 LIKE orders_0",
                "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20))");
        StartupOptions start = now();
        server.execute(db,
                "INSERT INTO orders_0 VALUES (1, 50, 'small')", // filtered out
                "INSERT INTO orders_1 VALUES (1, 150, 'big')",
                "INSERT INTO users VALUES (1, 'ann')", // not filtered, not routed
                "UPDATE orders_0 SET amount = 200 WHERE id = 1", // enters: insert
                "UPDATE orders_1 SET amount = 10 WHERE id = 1", // leaves: delete
                "ALTER TABLE orders_0 ADD COLUMN x INT", // DDL not in ops: dropped
                "UPDATE orders_0 SET amount = 300, x = 7 WHERE id = 1"); // stays: update

        BinlogSourceConfig config = BinlogSourceConfig.builder()
                .hostname(server.host()).port(server.port()).username(server.user()).password(server.password())
                .serverId(SERVER_ID).tables(db + "\\..*", null).startup(start).stopAt(StopOptions.atLatest()).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        DataStream<Event> events = env.fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog");
        DataStream<Event> filtered = Filters.apply(events, List.of(FilterSpec.on(db + "\\.ORDERS_\\d")
                .withOps(FilterOp.INSERT, FilterOp.UPDATE, FilterOp.DELETE)
                .withWhere("amount > 100")
                .withColumns(ColumnSelection.exclude(List.of("note")))), "f");
        DataStream<Event> routed = Routes.apply(filtered,
                List.of(new RouteSpec(db + "\\.orders_\\d", TableId.parse(db + ".orders"), List.of(), true)), "r");
        List<RowChange> out = new ArrayList<>();
        try (CloseableIterator<Event> it = routed.executeAndCollect()) {
            it.forEachRemaining(e -> out.add((RowChange) e));
        }

        TableId orders = TableId.parse(db + ".orders");
        assertThat(out).extracting(r -> r.op().code() + " " + r.table().table())
                .containsExactly("c orders", "c users", "c orders", "d orders", "u orders");
        RowChange first = out.get(0);
        assertThat(first.table()).isEqualTo(orders);
        assertThat(first.schema().columnNames()).containsExactly("id", "amount", "_db", "_table");
        assertThat(first.schema().keyColumns()).containsExactly("id", "_db", "_table");
        assertThat(first.after()).containsExactly(1L, new BigDecimal("150.00"), db, "orders_1");
        assertThat(first.source().table()).isEqualTo("orders_1");

        RowChange entered = out.get(2);
        assertThat(entered.op()).isEqualTo(Op.INSERT);
        assertThat(entered.after()).containsExactly(1L, new BigDecimal("200.00"), db, "orders_0");
        RowChange left = out.get(3);
        assertThat(left.before()).containsExactly(1L, new BigDecimal("150.00"), db, "orders_1");
        RowChange updated = out.get(4);
        assertThat(updated.schema().columnNames()).containsExactly("id", "amount", "x", "_db", "_table");
        assertThat(updated.before()).containsExactly(1L, new BigDecimal("200.00"), null, db, "orders_0");
        assertThat(updated.after()).containsExactly(1L, new BigDecimal("300.00"), 7L, db, "orders_0");
    }

    private StartupOptions now() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return StartupOptions.position(rs.getString(1), rs.getLong(2));
        }
    }
}
