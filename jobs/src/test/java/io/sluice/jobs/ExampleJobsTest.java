package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.jobs.config.SinkRegistry;
import io.sluice.jobs.topology.PlannedOperator;
import io.sluice.jobs.topology.TopologyBuilder;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every job in {@code jobs/examples/} passes every check {@code sluice run} makes (expressions and
 * templates included) and builds a Flink job; {@code shop.yaml} shows every block.
 * {@code ShopExampleITCase} runs {@code shop.yaml} against real servers.
 */
class ExampleJobsTest {

    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void everyExampleRunsWithThisVersion() throws IOException {
        for (Path file : examples()) {
            JobConfig config = load(file, Map.of());
            assertThat(config.sinks()).as(file.toString()).isNotEmpty();
            new TopologyBuilder(config).build(StreamExecutionEnvironment.createLocalEnvironment());
        }
    }

    @Test
    void theShopExampleUsesEveryBlockAndEverySinkType() {
        JobConfig config = load(EXAMPLES.resolve("shop.yaml"), Map.of());

        assertThat(config.filters()).isNotEmpty();
        assertThat(config.routes()).isNotEmpty();
        assertThat(config.joins()).isNotEmpty();
        assertThat(config.aggregates()).isNotEmpty();
        // every sink type that keeps a copy of the rows; the message queues publish changes instead
        // (shop-kafka.yaml shows Kafka)
        List<String> copies = new ArrayList<>(SinkRegistry.load().types());
        copies.removeAll(List.of("kafka", "rabbitmq"));
        assertThat(config.sinks()).extracting(SinkConfig::type).containsExactlyInAnyOrderElementsOf(copies);
        assertThat(load(EXAMPLES.resolve("shop-kafka.yaml"), Map.of()).sinks()).extracting(SinkConfig::type)
                .containsOnly("kafka");
        assertThat(config.filters().get(0).where()).isPresent();
        assertThat(new TopologyBuilder(config).plan()).extracting(PlannedOperator::name).contains(
                "route: shop_\\d+\\.orders_\\d+ -> shop.orders; shop_\\d+\\.order_items_\\d+ -> shop.order_items",
                "join order_doc: documents of shop.orders", "aggregate seller_daily",
                "sink: elasticsearch orders", "sink: redis user:{id}", "sink: jdbc report.seller_daily_{seller_id % 2}",
                "sink: print stdout");
    }

    @Test
    void theExamplesTakeTheirAddressesFromTheEnvironment() {
        JobConfig print = load(EXAMPLES.resolve("shop-print.yaml"), Map.of());
        assertThat(print.source().port()).isEqualTo(3306);
        JobConfig elsewhere = load(EXAMPLES.resolve("shop-print.yaml"), Map.of("SHOP_DB_PORT", "3307"));
        assertThat(elsewhere.source().port()).isEqualTo(3307);

        JobConfig shop = load(EXAMPLES.resolve("shop.yaml"), Map.of("SHOP_DB_PORT", "3307", "SHOP_REDIS_PORT", "6380",
                "SHOP_ES_URL", "http://127.0.0.1:9201", "SHOP_REPORT_URL", "jdbc:mysql://127.0.0.1:3307/"));
        assertThat(shop.source().port()).isEqualTo(3307);
        assertThat(shop.sinks().toString()).contains("port=6380", "hosts=[http://127.0.0.1:9201]",
                "url=jdbc:mysql://127.0.0.1:3307/");
    }

    private static JobConfig load(Path file, Map<String, String> env) {
        return JobFiles.load(file, env, List.of(), TopologyBuilder.CHECKS);
    }

    private static List<Path> examples() throws IOException {
        assertThat(EXAMPLES).isDirectory();
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            List<Path> files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(files).isNotEmpty();
            return files;
        }
    }
}
