package io.sluice.sinks.print;

import static io.sluice.sinks.print.TestEvents.insert;
import static io.sluice.sinks.print.TestEvents.insertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The print sink in a real Flink job on a MiniCluster. */
class PrintSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path dir;

    @Test
    void writesEveryEventToTheFile() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        List<Event> events = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            events.add(insert(id, "n" + id));
            expected.add(insertJson(id, "n" + id));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(50);
        env.fromData(events, EventTypeInfo.INSTANCE).setParallelism(1)
                .sinkTo(PrintSink.toFile(file.toString())).name("sink: print").setParallelism(1);
        env.execute("print sink test");

        assertThat(Files.readAllLines(file)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFileSinkRefusesToRunInParallel() {
        Path file = dir.resolve("orders.jsonl");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(List.<Event>of(insert(1, "a")), EventTypeInfo.INSTANCE)
                .sinkTo(PrintSink.toFile(file.toString())).setParallelism(2);
        assertThatThrownBy(() -> env.execute("parallel print sink"))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowableWithMessage(e,
                        "runs with parallelism 2; a file has exactly one writer")).isPresent());
    }
}
