package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
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
    void aSnapshotIsReadWithTheJobsParallelismUpToTheKeying() {
        JobConfig config = JobFiles.parse("job: {name: shop, parallelism: 3}\n"
                + SOURCE.replace("startup: latest", "startup: initial") + "sinks:\n" + TWO_SINKS, "t.yaml", Map.of(),
                List.of());

        assertThat(new TopologyBuilder(config).plan()).extracting(PlannedOperator::parallelism)
                .containsExactly(3, 3, 3, 3, 1, 1);
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

    /**
     * With one reader, a selection of one subtask (the file sink's) takes the changes on a forward
     * edge, chained to the source with nothing serialized; one of three subtasks (stdout's) takes
     * them keyed by row.
     */
    @Test
    void oneSubtaskReadsTheChangesOnAForwardEdgeAndSeveralKeyedByRow() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        new TopologyBuilder(job(TWO_SINKS)).build(env);

        StreamGraph graph = env.getStreamGraph();
        Map<String, String> partitionerInto = new HashMap<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getInEdges()) {
                partitionerInto.put(node.getOperatorName(), edge.getPartitioner().toString());
            }
        }
        assertThat(partitionerInto).containsEntry("from: shop.lines", "FORWARD").containsEntry("from: shop.orders", "HASH");
        JobGraph jobGraph = graph.getJobGraph();
        assertThat(jobGraph.getVerticesSortedTopologicallyFromSources()).extracting(JobVertex::getName)
                .anySatisfy(name -> assertThat(name).contains("key by table+pk", "from: shop.lines"));
    }

    /** Every block: filters, routes, a join, two aggregates (one reading the other) and the four sink types. */
    static final String FULL = "job: {name: shop, parallelism: 2}\n"
            + "source: {hostname: 127.0.0.1, username: cdc, server-id: 1, startup: latest,\n"
            + "         tables: \"shop_\\\\d+\\\\.orders_\\\\d+, shop_\\\\d+\\\\.items_\\\\d+, shop\\\\.users\"}\n"
            + "filters:\n"
            + "  - {table: \"shop_\\\\d+\\\\.orders_\\\\d+\", ops: [c, u, d], where: \"status != 'DRAFT'\"}\n"
            + "routes:\n"
            + "  - {from: \"shop_\\\\d+\\\\.orders_\\\\d+\", to: shop.orders}\n"
            + "  - {from: \"shop_\\\\d+\\\\.items_\\\\d+\", to: shop.items}\n"
            + "joins:\n"
            + "  - name: order_doc\n"
            + "    main: shop.orders\n"
            + "    lookups: [{table: shop.users, on: {user_id: id}, fields: {name: buyer}}]\n"
            + "    children: [{table: shop.items, on: {id: order_id}, as: items}]\n"
            + "aggregates:\n"
            + "  - {name: seller_daily, from: shop.orders, group-by: {seller_id: seller_id, day: \"date(created_at)\"},\n"
            + "     measures: {gmv: \"sum(amount)\", orders: \"count()\"}}\n"
            + "  - {name: daily, from: seller_daily, group-by: [day], measures: {sellers: \"count()\"}}\n"
            + "sinks:\n"
            + "  - {type: redis, from: shop.users, key: \"user:{id}\"}\n"
            + "  - {type: elasticsearch, name: order-search, from: order_doc, hosts: [\"http://127.0.0.1:9200\"],\n"
            + "     index: orders}\n"
            + "  - {type: jdbc, name: seller-report, from: seller_daily, url: \"jdbc:mysql://127.0.0.1/report\",\n"
            + "     table: \"seller_daily_{seller_id % 4}\"}\n"
            + "  - {type: print, from: daily, path: /tmp/daily.jsonl}\n";

    static JobConfig full(String yaml) {
        return JobFiles.parse(yaml, "t.yaml", Map.of(), Path.of(""), List.of(),
                TopologyBuilder.CHECKS);
    }

    @Test
    void planOfEveryBlockInTheOrderOfTheFlow() {
        List<PlannedOperator> plan = new TopologyBuilder(full(FULL)).plan();

        String redis = "sink-redis-" + Uids.hash("redis|shop.users|127.0.0.1:6379/0|user:{id}");
        String print = "sink-print-" + Uids.hash("print|daily|/tmp/daily.jsonl");
        assertThat(plan).extracting(o -> o.name() + " | " + o.uid() + " | " + o.parallelism()).containsExactly(
                "binlog: shop_\\d+, shop | binlog-source | 1",
                "filter: shop_\\d+\\.orders_\\d+ [c, u, d] where status != 'DRAFT' | binlog-filters | 1",
                "route: shop_\\d+\\.orders_\\d+ -> shop.orders; shop_\\d+\\.items_\\d+ -> shop.items | binlog-routes | 1",
                "key by table+pk | key-by-table-pk | 1",
                "from: shop.orders, shop.users, shop.items | join-order_doc-from | 2",
                "join order_doc: split | join-order_doc-split | 2",
                "join order_doc: lookup shop.users | join-order_doc-node-1 | 2",
                "join order_doc: child shop.items | join-order_doc-node-2 | 2",
                "join order_doc: documents of shop.orders | join-order_doc-node-0 | 2",
                "from: shop.orders | aggregate-seller_daily-from | 2",
                "aggregate seller_daily: contributions | aggregate-seller_daily-contributions | 2",
                "aggregate seller_daily | aggregate-seller_daily-groups | 2",
                "aggregate daily: contributions | aggregate-daily-contributions | 2",
                "aggregate daily | aggregate-daily-groups | 2",
                "from: shop.users | " + redis + "-from | 2",
                "sink: redis user:{id} | " + redis + " | 2",
                "sink: elasticsearch orders | sink-order-search | 2",
                "sink: jdbc seller_daily_{seller_id % 4} | sink-seller-report | 2",
                "sink: print /tmp/daily.jsonl | " + print + " | 1");
        assertThat(plan).allSatisfy(o -> assertThat(o.detail()).as(o.name()).isNotBlank());
    }

    @Test
    void buildsEveryBlockWithTheNamesUidsAndParallelismOfThePlan() {
        JobConfig config = full(FULL);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        new TopologyBuilder(config).build(env);

        assertThat(built(env)).containsExactlyInAnyOrderElementsOf(planned(config));
    }

    @Test
    void blockUidsDoNotDependOnPosition() {
        List<String> before = uids(full(FULL));
        String reordered = FULL
                .replace("  - {name: daily, from: seller_daily, group-by: [day], measures: {sellers: \"count()\"}}\n", "")
                .replace("aggregates:\n", "aggregates:\n"
                        + "  - {name: daily, from: seller_daily, group-by: [day], measures: {sellers: \"count()\"}}\n")
                .replace("sinks:\n", "sinks:\n  - {type: print, from: shop.users}\n");
        List<String> after = uids(full(reordered));

        assertThat(reordered).isNotEqualTo(FULL);
        assertThat(after).containsAll(before).hasSize(before.size() + 2);
    }

    @Test
    void theFirstRouteThatMatchesWinsAndTheOperatorNamesEveryRoute() {
        JobConfig config = full(FULL.replace("routes:\n", "routes:\n  - {from: \"shop\\\\.users\", to: shop.buyers}\n")
                .replace("from: shop.users, key", "from: shop.buyers, key"));
        assertThat(new TopologyBuilder(config).plan()).extracting(PlannedOperator::name)
                .contains("route: shop\\.users -> shop.buyers; shop_\\d+\\.orders_\\d+ -> shop.orders; "
                        + "shop_\\d+\\.items_\\d+ -> shop.items");
    }

    private static List<String> built(StreamExecutionEnvironment env) {
        StreamGraph graph = env.getStreamGraph();
        return graph.getStreamNodes().stream()
                .map(n -> n.getOperatorName().replaceFirst("^Source: ", "").replaceFirst(": Writer$", "") + " | "
                        + n.getTransformationUID() + " | " + n.getParallelism())
                .toList();
    }

    private static List<String> planned(JobConfig config) {
        return new TopologyBuilder(config).plan().stream()
                .map(o -> o.name() + " | " + o.uid() + " | " + o.parallelism())
                .toList();
    }

    private static List<String> uids(JobConfig config) {
        return new TopologyBuilder(config).plan().stream().map(PlannedOperator::uid).toList();
    }
}
