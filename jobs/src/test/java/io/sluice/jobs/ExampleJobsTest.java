package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.jobs.config.ConfigError;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobConfigException;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.TopologyBuilder;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every job in {@code jobs/examples/} is a valid job file; the ones this version can run build a
 * Flink job, and the others are refused only for features that are not available yet.
 */
class ExampleJobsTest {

    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void everyExampleIsAValidJobFile() throws IOException {
        for (Path file : examples()) {
            JobConfig config = JobFiles.load(file, Map.of(), List.of());
            assertThat(config.sinks()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everyExampleBuildsOrIsRefusedOnlyForWhatIsNotAvailableYet() throws IOException {
        int runnable = 0;
        for (Path file : examples()) {
            JobConfigException refused = catchThrowableOfType(
                    () -> JobFiles.load(file, Map.of(), List.of(), TopologyBuilder.CHECKS), JobConfigException.class);
            if (refused == null) {
                JobConfig config = JobFiles.load(file, Map.of(), List.of(), TopologyBuilder.CHECKS);
                new TopologyBuilder(config).build(StreamExecutionEnvironment.createLocalEnvironment());
                runnable++;
            } else {
                assertThat(refused.errors()).as(file.toString()).extracting(ConfigError::message)
                        .allMatch(m -> m.contains("not available yet"));
            }
        }
        assertThat(runnable).as("examples that run with this version").isPositive();
    }

    @Test
    void theShopPrintExampleRuns() {
        JobConfig config = JobFiles.load(EXAMPLES.resolve("shop-print.yaml"), Map.of(), List.of(),
                TopologyBuilder.CHECKS);
        assertThat(config.source().port()).isEqualTo(3306);
        JobConfig elsewhere = JobFiles.load(EXAMPLES.resolve("shop-print.yaml"), Map.of("SHOP_DB_PORT", "3307"),
                List.of(), TopologyBuilder.CHECKS);
        assertThat(elsewhere.source().port()).isEqualTo(3307);
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
