package io.sluice.bench.sinks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the sinks scenario working: every sink at a smoke size, one run, through the same command
 * line. It checks that every row change reached each sink and that each target holds every row
 * with its last values (a topic: every change once), and that the producer limit was measured,
 * never how fast.
 */
class SinksBenchITCase {

    @Test
    void everySinkReceivesEveryRowChangeAndItsTargetMatchesTheSource(@TempDir Path logs) {
        SinksCommand command = new SinksCommand();
        int exit = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(
                "--sinks", "redis,jdbc,elasticsearch,kafka,kafka_exactly_once", "--redis-rows", "6000",
                "--jdbc-rows", "6000", "--es-rows", "4000", "--kafka-rows", "6000", "--runs", "1", "--parallelism", "2",
                "--heap", "512m", "--es-heap", "512m", "--log-dir", logs.toString());

        assertThat(exit).isZero();
        assertThat(command.outcome.measurements()).extracting(SinkMeasurement::kind)
                .containsExactlyInAnyOrder(SinkKind.values());
        for (SinkMeasurement m : command.outcome.measurements()) {
            long changes = m.kind() == SinkKind.ELASTICSEARCH ? 4000 : 6000;
            assertThat(m.changes()).as(m.kind().label()).isEqualTo(changes);
            assertThat(m.sinkRows()).as(m.kind().label() + " rows at the sink").isEqualTo(changes);
            // a topic holds a message per change; the other targets a row per row
            assertThat(m.targetRows()).as(m.kind().label() + " rows in the target")
                    .isEqualTo(m.kind().isKafka() ? changes : changes / 2);
        }
        assertThat(command.outcome.producerLimits()).as("kafka-producer-perf-test beside the Kafka sinks").hasSize(1);
        assertThat(command.outcome.producerLimits().get(0).recordsPerSecond()).isPositive();
    }
}
