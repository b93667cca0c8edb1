package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.cli.Sluice;
import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code TRUNCATE} and {@code DROP TABLE} of a table a job reads, end to end on MariaDB: by
 * default the job stops naming the table and the {@code truncate} key (the rows before it are
 * written); {@code truncate: delete} empties a JDBC target table; {@code truncate: ignore} keeps
 * the rows; an aggregate stops too unless told to ignore it.
 */
class TruncateITCase {
    private final MariaDbServer db = MariaDbServer.shared();

    /**
     * A source table {@code t} with two rows written, then {@code removal}, then (after TRUNCATE)
     * one more, copied by a jdbc sink with {@code sinkKeys}; {@code aggregate} (with {@code {src}}
     * for the source database) adds an aggregate {@code n} printed by a second sink.
     */
    private record Run(int exitCode, String err, List<String> target) {}

    private Run run(String name, String removal, String sinkKeys, String aggregate) throws Exception {
        String source = db.createDatabase(name);
        String target = db.createDatabase(name + "_copy");
        db.execute(source, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        db.execute(target, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        String start = db.binlogEndAsStartup();
        db.execute(source, "INSERT INTO t VALUES (1, 'a'), (2, 'b')", removal);
        if (removal.startsWith("TRUNCATE")) {
            db.execute(source, "INSERT INTO t VALUES (3, 'c')");
        }
        String yaml = "job: {name: " + name + ", parallelism: 1, restart: none}\n"
                + "source: {hostname: " + db.host() + ", port: " + db.port() + ", username: " + db.user()
                + ", password: \"" + db.password() + "\", server-id: 9400-9401, tables: \"" + source + "\\\\.t\","
                + " startup: " + start + ", stop-at: latest}\n"
                + aggregate.replace("{src}", source)
                + "sinks:\n  - {type: jdbc, from: " + source + ".t, url: \"" + db.jdbcUrl(target) + "\", username: "
                + db.user() + ", password: \"" + db.password() + "\", table: t" + sinkKeys + "}\n"
                + (aggregate.isEmpty() ? "" : "  - {type: print, from: n}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Sluice.execute(new String[] {"run", "--job-yaml", yaml}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Run(code, err.toString(StandardCharsets.UTF_8), rows(target));
    }

    private List<String> rows(String database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, v FROM t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void aTruncateStopsTheJobByDefaultAfterWritingTheRowsBeforeIt() throws Exception {
        Run run = run("trunc_fail", "TRUNCATE TABLE t", "", "");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("was truncated at the source (TRUNCATE TABLE t")
                .contains("Set truncate: ignore on the sink to keep them and go on, or truncate: delete");
        assertThat(run.target()).containsExactly("1:a", "2:b");
    }

    @Test
    void truncateDeleteEmptiesTheTargetTableAndGoesOn() throws Exception {
        Run run = run("trunc_delete", "TRUNCATE TABLE t", ", truncate: delete", "");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.target()).containsExactly("3:c");
    }

    @Test
    void aDroppedTableIsDeletedOrIgnoredAsTheSinkIsTold() throws Exception {
        assertThat(run("drop_delete", "DROP TABLE t", ", truncate: delete", "").target()).isEmpty();

        Run ignored = run("drop_ignore", "DROP TABLE t", ", truncate: ignore", "");
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        assertThat(ignored.target()).containsExactly("1:a", "2:b");
    }

    @Test
    void anAggregateStopsOnATruncateOfItsTableUnlessToldToIgnoreIt() throws Exception {
        String counting = "aggregates:\n  - {name: n, from: {src}.t, group-by: [v], measures: {rows: \"count()\"}%s}\n";
        Run stopped = run("trunc_agg", "TRUNCATE TABLE t", ", truncate: ignore", counting.formatted(""));
        assertThat(stopped.exitCode()).isNotZero();
        assertThat(stopped.err()).containsPattern("aggregate n: trunc_agg_\\d+\\.t was truncated at the source")
                .contains("Set truncate: ignore on the aggregate");

        Run ignored = run("trunc_agg_ok", "TRUNCATE TABLE t", ", truncate: ignore",
                counting.formatted(", truncate: ignore"));
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
    }
}
