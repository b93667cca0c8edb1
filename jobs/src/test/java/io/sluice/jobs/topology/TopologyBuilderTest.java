package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class TopologyBuilderTest {

    static final String SOURCE = "source: {hostname: 127.0.0.1, port: 3307, username: cdc, server-id: 5400-5403, "
            + "tables: \"shop\\\\.orders, shop\\\\.lines\", startup: latest}\n";

    static JobConfig job(String sinks) {
        return JobFiles.parse("job: {name: shop, parallelism: 3}\n" + SOURCE + "sinks:\n" + sinks, "t.yaml", Map.of(),
                List.of());
    }

    private static final String TWO_SINKS = "  - {type: print, from: shop.orders}\n"
            + "  - {type: print, name: lines-file, from: shop.lines, path: /tmp/lines.jsonl}\n";

    @Test
    void planNamesEveryOperatorWithItsUidAndParallelism() {
        List<PlannedOperator> plan = new TopologyBuilder(job(TWO_SINKS)).plan();

        assertThat(plan).extracting(PlannedOperator::name).containsExactly(
                "binlog: shop", "key by table+pk",
                "from: shop.orders", "sink: print stdout",
                "from: shop.lines", "sink: print /tmp/lines.jsonl");
        String stdoutUid = "sink-print-" + Uids.hash("print|shop.orders|stdout");
        assertThat(plan).extracting(PlannedOperator::uid).containsExactly(
                "binlog-source", "key-by-table-pk",
                stdoutUid + "-from", stdoutUid,
                "sink-lines-file-from", "sink-lines-file");
        // the source reads one ordered stream; a file has one writer
        assertThat(plan).extracting(PlannedOperator::parallelism).containsExactly(1, 1, 3, 3, 1, 1);
    }

    @Test
    void sinkUidsDoNotDependOnPositionSoAddingOrReorderingSinksKeepsThem() {
        List<String> before = uids(job(TWO_SINKS));
        List<String> after = uids(job("  - {type: print, from: shop.lines, path: /tmp/other.jsonl}\n"
                + "  - {type: print, name: lines-file, from: shop.lines, path: /tmp/lines.jsonl}\n"
                + "  - {type: print, from: shop.orders}\n"));

        assertThat(after).containsAll(before);
        assertThat(after).hasSize(before.size() + 2);
    }

    @Test
    void buildsTheJobWithTheSameNamesAndUidsAsThePlan() {
        JobConfig config = job(TWO_SINKS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        new TopologyBuilder(config).build(env);

        assertThat(env.getConfig().hasGenericTypesDisabled()).isTrue();
        StreamGraph graph = env.getStreamGraph();
        List<String> built = graph.getStreamNodes().stream()
                .map(n -> n.getOperatorName().replaceFirst("^Source: ", "").replaceFirst(": Writer$", "") + " | "
                        + n.getTransformationUID() + " | " + n.getParallelism())
                .toList();
        List<String> planned = new TopologyBuilder(config).plan().stream()
                .map(o -> o.name() + " | " + o.uid() + " | " + o.parallelism())
                .toList();
        assertThat(built).containsExactlyInAnyOrderElementsOf(planned);
    }

    @Test
    void refusesBlocksThatAreNotAvailableYet() {
        JobConfig withFilter = JobFiles.parse("job: {name: shop}\n" + SOURCE
                + "filters: [{table: \"shop\\\\.orders\", ops: [c]}]\n"
                + "sinks: [{type: print, from: shop.orders}]\n", "t.yaml", Map.of());
        assertThatThrownBy(() -> new TopologyBuilder(withFilter).build(StreamExecutionEnvironment.createLocalEnvironment()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filters are not available yet in this version of Sluice");
    }

    private static List<String> uids(JobConfig config) {
        return new TopologyBuilder(config).plan().stream().map(PlannedOperator::uid).toList();
    }
}
