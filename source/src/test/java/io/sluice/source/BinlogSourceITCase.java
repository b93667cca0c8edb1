package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static io.sluice.source.SourceTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.json.CanonicalJson;
import io.sluice.source.position.StartupOptions;
import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Row changes, DDL and table filters read from a real MariaDB binlog. */
class BinlogSourceITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    void readsInsertsUpdatesAndDeletesInOrder() throws Exception {
        String db = server.createDatabase("basic");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
        StartupOptions start = now(server);
        server.execute(db,
                "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
                "UPDATE t SET name = 'bb' WHERE id = 2",
                "DELETE FROM t WHERE id = 1");

        List<RowChange> rows = rows(readUntilNow(config(server, db).startup(start)));

        assertThat(rows).extracting(r -> r.op().code() + " " + CanonicalJson.toJson(r.schema(), r.current()))
                .containsExactly(
                        "c {\"id\":1,\"name\":\"a\"}",
                        "c {\"id\":2,\"name\":\"b\"}",
                        "u {\"id\":2,\"name\":\"bb\"}",
                        "d {\"id\":1,\"name\":\"a\"}");
        assertThat(rows.get(2).before()).containsExactly(2L, "b");
        assertThat(rows.get(0).schema().keyColumns()).containsExactly("id");
        assertThat(rows.get(0).table().toString()).isEqualTo(db + ".t");
        assertThat(rows.get(0).source().gtid()).matches("\\d+-\\d+-\\d+");
        assertThat(rows.get(0).source().file()).startsWith("binlog.");
    }

    @Test
    void excludedTablesAreNotEmittedAndDdlBecomesASchemaChange() throws Exception {
        String db = server.createDatabase("filter");
        server.execute(db, "CREATE TABLE kept (id INT PRIMARY KEY)", "CREATE TABLE tmp_skip (id INT PRIMARY KEY)");
        StartupOptions start = now(server);
        server.execute(db,
                "INSERT INTO kept VALUES (1)",
                "INSERT INTO tmp_skip VALUES (1)",
                "ALTER TABLE kept ADD COLUMN note VARCHAR(10)",
                "INSERT INTO kept VALUES (2, 'x')");

        List<Event> events = readUntilNow(config(server, db).startup(start).tables(db + "\\..*", db + "\\.tmp_.*"));

        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isInstanceOf(SchemaChange.class);
        SchemaChange ddl = (SchemaChange) events.get(1);
        assertThat(ddl.ddl()).contains("ADD COLUMN note");
        assertThat(ddl.schema().columnNames()).containsExactly("id", "note");
        RowChange after = (RowChange) events.get(2);
        assertThat(after.op()).isEqualTo(Op.INSERT);
        assertThat(after.after()).containsExactly(2L, "x");
    }
}
