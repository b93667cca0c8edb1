package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.config.JobFiles;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** How the topology runs the message-queue sinks: a Kafka sink partitioning by table runs one writer. */
class QueueSinkPlanTest {

    private static List<Integer> sinkParallelism(String partitionBy) {
        String yaml = """
                job: {name: plan, parallelism: 3}
                source: {hostname: 127.0.0.1, username: cdc, server-id: 5401, tables: "shop\\\\..*"}
                sinks:
                  - {type: kafka, from: "shop\\\\..*", bootstrap-servers: "127.0.0.1:9092", topic: "cdc.{table}",
                     partition-by: %s}
                """.formatted(partitionBy);
        return new TopologyBuilder(JobFiles.parse(yaml, "plan.yaml", Map.of())).plan().stream()
                .filter(op -> op.name().startsWith("sink: kafka"))
                .map(PlannedOperator::parallelism)
                .toList();
    }

    @Test
    void partitionByTableRunsOneWriterSoATableStaysInBinlogOrder() {
        assertThat(sinkParallelism("table")).isNotEmpty().containsOnly(1);
        assertThat(sinkParallelism("key")).isNotEmpty().containsOnly(3);
    }
}
