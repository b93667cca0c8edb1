package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static io.sluice.source.SourceTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.Values;
import io.sluice.event.json.CanonicalJson;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.config.ZeroDatePolicy;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A snapshot row carries exactly the values the binlog decoder gives the same row: every column
 * type of {@link TypesITCase}, NULL included, read once from the binlog inserts and once by the
 * snapshot's SELECT, compared value by value (Java values, not only their JSON).
 */
class SnapshotTypesITCase {
    private static final MariaDbServer SERVER = MariaDbServer.shared();
    private static String db;
    private static StartupOptions start;

    @BeforeAll
    static void writeRows() throws Exception {
        db = SERVER.createDatabase("snaptypes");
        SERVER.execute(db, "CREATE TABLE types (id INT PRIMARY KEY, "
                + TypesITCase.COLUMNS.stream().map(c -> "`" + c.name() + "` " + c.ddl()).collect(Collectors.joining(", "))
                + ") DEFAULT CHARSET=utf8mb4");
        start = now(SERVER);
        List<String> sql = new ArrayList<>();
        sql.add("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
        sql.add("SET SESSION time_zone = '" + TypesITCase.TIME_ZONE + "'");
        for (int id = 1; id <= TypesITCase.NULL_ROW; id++) {
            Integer variant = id == TypesITCase.NULL_ROW ? null : id - 1;
            sql.add("INSERT INTO types VALUES (" + id + ", " + TypesITCase.values(variant, ", ") + ")");
        }
        SERVER.execute(db, sql.toArray(String[]::new));
    }

    @Test
    void snapshotRowsEqualBinlogInserts() throws Exception {
        check(false);
    }

    @Test
    void snapshotRowsEqualBinlogInsertsWithZeroDatesAsTextAndBit1AsBoolean() throws Exception {
        check(true);
    }

    private static void check(boolean options) throws Exception {
        BinlogSourceConfig.Builder binlog = config(SERVER, db).startup(start);
        BinlogSourceConfig.Builder snapshot = config(SERVER, db).startup(StartupOptions.snapshot()).chunkSize(2);
        if (options) {
            binlog.zeroDates(ZeroDatePolicy.STRING).bit1AsBoolean(true);
            snapshot.zeroDates(ZeroDatePolicy.STRING).bit1AsBoolean(true);
        }
        Map<Object, RowChange> inserts = byId(rows(readUntilNow(binlog)));
        Map<Object, RowChange> reads = byId(rows(readAll(snapshot.build())));

        assertThat(inserts).hasSize(TypesITCase.NULL_ROW);
        assertThat(reads.keySet()).isEqualTo(inserts.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Object id : inserts.keySet()) {
            RowChange c = inserts.get(id);
            RowChange r = reads.get(id);
            assertThat(c.op()).isEqualTo(Op.INSERT);
            assertThat(r.op()).isEqualTo(Op.READ);
            assertThat(r.source().snapshot()).isTrue();
            assertThat(r.schema().columnNames()).isEqualTo(c.schema().columnNames());
            for (int i = 0; i < c.after().length; i++) {
                Object binlogValue = c.after()[i];
                Object snapshotValue = r.after()[i];
                boolean sameClass = binlogValue == null ? snapshotValue == null
                        : snapshotValue != null && binlogValue.getClass() == snapshotValue.getClass();
                if (!sameClass || !Values.equal(binlogValue, snapshotValue)) {
                    mismatches.add("id " + id + " " + c.schema().column(i).name() + ": binlog "
                            + describe(binlogValue) + ", snapshot " + describe(snapshotValue));
                }
            }
            assertThat(CanonicalJson.toJson(r.schema(), r.after())).isEqualTo(CanonicalJson.toJson(c.schema(), c.after()));
        }
        assertThat(mismatches).isEmpty();
    }

    private static String describe(Object v) {
        return v == null ? "null" : Values.toString(v) + " (" + v.getClass().getSimpleName() + ")";
    }

    private static Map<Object, RowChange> byId(List<RowChange> rows) {
        Map<Object, RowChange> byId = new TreeMap<>();
        for (RowChange r : rows) {
            byId.put(r.get("id"), r);
        }
        return byId;
    }

    private static List<Event> readAll(BinlogSourceConfig config) throws Exception {
        StreamExecutionEnvironment env = SourceTestSupport.env();
        List<Event> out = new ArrayList<>();
        try (CloseableIterator<Event> it = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "snapshot")
                .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
