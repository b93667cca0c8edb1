package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.jobs.config.ConfigError;
import io.sluice.jobs.config.JobConfigException;
import io.sluice.jobs.config.JobFiles;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What this version cannot run is refused before anything starts, with file, line and key. */
class AvailabilityTest {

    private static final String JOB = "job: {name: shop}\n";
    private static final String SOURCE = "source:\n"
            + "  hostname: h\n"
            + "  username: u\n"
            + "  server-id: 1\n"
            + "  tables: \"shop\\\\..*\"\n";
    private static final String LATEST = "  startup: latest\n";

    private static List<String> problems(String yaml) {
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(yaml, "t.yaml", Map.of(), Path.of(""),
                List.of(), TopologyBuilder.CHECKS), JobConfigException.class);
        return e == null ? List.of() : e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void aJobThatUsesOnlyWhatIsAvailableHasNoProblems() {
        assertThat(problems(JOB + SOURCE + LATEST + "sinks: [{type: print, from: shop.orders}]\n")).isEmpty();
    }

    @Test
    void theInitialSnapshotIsAvailableAndIsTheDefault() {
        assertThat(problems(JOB + SOURCE + "sinks: [{type: print, from: shop.orders}]\n")).isEmpty();
        assertThat(problems(JOB + SOURCE + "  startup: initial\n  stop-at: latest\n"
                + "sinks: [{type: print, from: shop.orders}]\n")).isEmpty();
        assertThat(problems(JOB + SOURCE + "  startup: snapshot\n" + "sinks: [{type: print, from: shop.orders}]\n"))
                .isEmpty();
    }

    @Test
    void aSnapshotAtParallelism2NeedsTwoServerIds() {
        String job = "job: {name: shop, parallelism: 2}\n";
        String sinks = "sinks: [{type: print, from: shop.orders}]\n";
        assertThat(problems(job + SOURCE + "  startup: initial\n" + sinks)).containsExactly(
                "t.yaml:5: source.server-id: startup mode 'initial' reads the tables with 2 readers (the job's "
                        + "parallelism), each with a server id of its own, but server-id gives 1; expected a range "
                        + "of at least 2 ids, e.g. 1-2, each unique among the server's replicas and CDC clients");
        assertThat(problems(job + SOURCE.replace("server-id: 1", "server-id: 1-2") + "  startup: snapshot\n" + sinks))
                .isEmpty();
        assertThat(problems(job + SOURCE + LATEST + sinks)).isEmpty();
    }

    @Test
    void aSnapshotDoesNotStopAtAPosition() {
        assertThat(problems(JOB + SOURCE + "  startup: snapshot\n  stop-at: latest\n"
                + "sinks: [{type: print, from: shop.orders}]\n")).containsExactly(
                "t.yaml:8: source.stop-at: stop-at does not apply to startup mode 'snapshot', which reads the tables "
                        + "and stops; expected no stop-at, or startup 'initial' to read the binlog after the snapshot "
                        + "up to stop-at");
    }

    @Test
    void scanningNewlyAddedTablesNeedsAnUnboundedSourceAndAServerIdPerReader() {
        String sinks = "sinks: [{type: print, from: shop.orders}]\n";
        String on = "  scan-newly-added-tables: true\n";
        assertThat(problems(JOB + SOURCE + on + sinks)).isEmpty();
        assertThat(problems(JOB + SOURCE + LATEST + on + sinks)).isEmpty();
        assertThat(problems(JOB + SOURCE + "  startup: snapshot\n" + on + sinks)).containsExactly(
                "t.yaml:8: source.scan-newly-added-tables: scan-newly-added-tables does not apply to startup mode "
                        + "'snapshot', which reads the tables once and stops; expected false, or a startup mode that "
                        + "reads the binlog such as 'initial'");
        assertThat(problems(JOB + SOURCE + "  stop-at: latest\n" + on + sinks)).containsExactly(
                "t.yaml:8: source.scan-newly-added-tables: scan-newly-added-tables does not apply to a bounded run "
                        + "with stop-at; expected false, or no stop-at");
        assertThat(problems("job: {name: shop, parallelism: 2}\n" + SOURCE + LATEST + on + sinks)).containsExactly(
                "t.yaml:5: source.server-id: scan-newly-added-tables snapshots tables that appear later with 2 "
                        + "readers (the job's parallelism), each with a server id of its own, but server-id gives 1; "
                        + "expected a range of at least 2 ids, e.g. 1-2, each unique among the server's replicas and "
                        + "CDC clients");
    }

    @Test
    void filtersRoutesJoinsAndAggregatesAreAvailable() {
        assertThat(problems(JOB + SOURCE + LATEST
                + "filters:\n  - {table: \"shop\\\\.orders\", ops: [c]}\n"
                + "routes:\n  - {from: \"shop\\\\.orders_\\\\d+\", to: shop.orders}\n"
                + "joins:\n  - {name: doc, main: shop.orders, lookups: [{table: shop.users, on: {user_id: id}}]}\n"
                + "aggregates:\n  - {name: daily, from: doc, group-by: [id], measures: {n: count()}}\n"
                + "sinks: [{type: print, from: daily}]\n")).isEmpty();
    }

    @Test
    void everySinkTypeIsAvailable() {
        assertThat(problems(JOB + SOURCE + LATEST + "sinks:\n"
                + "  - {type: print, from: shop.orders}\n"
                + "  - {type: redis, from: shop.users, key: \"user:{id}\"}\n"
                + "  - {type: elasticsearch, from: shop.orders, hosts: [\"http://127.0.0.1:9200\"], index: orders}\n"
                + "  - {type: jdbc, from: shop.orders, url: \"jdbc:mysql://127.0.0.1/report\", table: orders}\n"))
                .isEmpty();
    }

    @Test
    void whatOnlyTheSinkBuildersCheckIsReportedAtTheSink() {
        assertThat(problems(JOB + SOURCE + LATEST + "sinks:\n"
                + "  - {type: redis, from: shop.users, key: \"u:{id}\", format: value, value-column: name, columns: [a]}\n"
                + "  - {type: elasticsearch, from: shop.orders, hosts: [\"http://h:9200\"], index: o, username: u}\n"
                + "  - {type: jdbc, from: shop.orders, url: \"jdbc:oracle:thin:@h:1521:x\", table: orders}\n"
                )).containsExactly(
                "t.yaml:9: sinks[0]: redis u:{id}: columns does not apply to format value (it stores value-column)",
                "t.yaml:10: sinks[1]: elasticsearch o: username and password go together",
                "t.yaml:11: sinks[2]: unsupported JDBC URL 'jdbc:oracle:thin:@h:1521:x'; expected jdbc:mysql:, "
                        + "jdbc:mariadb: (MySQL/MariaDB) or jdbc:postgresql:");
    }

    @Test
    void anAggregateReadsOneTableNotAPattern() {
        assertThat(problems(JOB + SOURCE + LATEST
                + "aggregates:\n  - {name: daily, from: \"shop\\\\.orders_.*\", group-by: [id], measures: {n: count()}}\n"
                + "sinks: [{type: print, from: daily}]\n")).containsExactly(
                "t.yaml:9: aggregates[0].from: an aggregate reads one table, a join or an aggregate, not a pattern "
                        + "('shop\\.orders_.*'); route the tables into one logical table (routes: [{from: "
                        + "\"shop\\.orders_.*\", to: db.table}]) and aggregate that");
    }

    @Test
    void aSinkReadingATablePatternNeedsAValidRegex() {
        assertThat(problems(JOB + SOURCE + LATEST + "sinks:\n  - {type: print, from: \"shop\\\\.(orders\"}\n"))
                .singleElement().asString()
                .startsWith("t.yaml:9: sinks[0].from: invalid table pattern 'shop\\.(orders': Unclosed group near index")
                .endsWith("; expected a table (db.table), a regex on db.table such as shop\\..*, a join name or an "
                        + "aggregate name");
    }

    @Test
    void twoSinksThatWouldShareAUidNeedNames() {
        assertThat(problems(JOB + SOURCE + LATEST + "sinks:\n"
                + "  - {type: print, from: shop.orders}\n"
                + "  - {type: print, from: shop.orders}\n"
                + "  - {type: print, from: shop.orders, name: second}\n")).containsExactly(
                "t.yaml:10: sinks[1]: this sink has the same type, from and target as sinks[0], so their operators "
                        + "would share a uid; give each of them a distinct name");
    }

    @Test
    void theseChecksWaitUntilTheFileHasNoOtherProblem() {
        assertThat(problems(JOB + SOURCE + "  colour: blue\n"
                + "sinks: [{type: redis, from: shop.users, key: \"user:{id}\"}]\n"))
                .singleElement().asString().startsWith("t.yaml:7: source.colour: unknown key 'colour'");
    }
}
