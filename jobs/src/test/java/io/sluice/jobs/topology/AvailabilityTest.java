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
    void theInitialSnapshotIsNotAvailableYetAndIsTheDefault() {
        assertThat(problems(JOB + SOURCE + "sinks: [{type: print, from: shop.orders}]\n")).containsExactly(
                "t.yaml:2: source.startup: startup mode 'initial' (a snapshot of the tables, then the binlog; the "
                        + "default when startup is not set) is not available yet in this version of Sluice; expected "
                        + "earliest, latest, {file, position}, {gtid} or {timestamp}");
        assertThat(problems(JOB + SOURCE + "  startup: snapshot\n" + "sinks: [{type: print, from: shop.orders}]\n"))
                .containsExactly("t.yaml:7: source.startup: startup mode 'snapshot' is not available yet in this "
                        + "version of Sluice; expected earliest, latest, {file, position}, {gtid} or {timestamp}");
    }

    @Test
    void transformBlocksAreNotAvailableYet() {
        assertThat(problems(JOB + SOURCE + LATEST
                + "filters:\n  - {table: \"shop\\\\.orders\", ops: [c]}\n"
                + "routes:\n  - {from: \"shop\\\\.orders_\\\\d+\", to: shop.orders}\n"
                + "joins:\n  - {name: doc, main: shop.orders}\n"
                + "aggregates:\n  - {name: daily, from: shop.orders, group-by: [id], measures: {n: count()}}\n"
                + "sinks: [{type: print, from: shop.orders}]\n")).containsExactly(
                "t.yaml:9: filters[0]: filters are not available yet in this version of Sluice; remove the filters "
                        + "block to run this job",
                "t.yaml:11: routes[0]: routes are not available yet in this version of Sluice; remove the routes "
                        + "block to run this job",
                "t.yaml:13: joins[0]: joins are not available yet in this version of Sluice; remove the joins "
                        + "block to run this job",
                "t.yaml:15: aggregates[0]: aggregates are not available yet in this version of Sluice; remove the "
                        + "aggregates block to run this job");
    }

    @Test
    void sinkTypesOtherThanPrintAreNotAvailableYet() {
        assertThat(problems(JOB + SOURCE + LATEST + "sinks:\n"
                + "  - {type: print, from: shop.orders}\n"
                + "  - {type: redis, from: shop.users, key: \"user:{id}\"}\n")).containsExactly(
                "t.yaml:10: sinks[1].type: sink type 'redis' is not available yet in this version of Sluice; "
                        + "available: print");
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
