package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class AllCommandTest {

    @Test
    void anUnknownScenarioIsRefusedWithTheKnownOnes() {
        StringWriter err = new StringWriter();
        var bench = Bench.commandLine();
        bench.setErr(new PrintWriter(err));

        int exit = bench.execute("all", "--scenarios", "binlog,sinkz");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'sinkz'; expected one of [binlog, snapshot, latency, join, sinks]"
                + " (join includes the memory scenario)");
    }

    @Test
    void scenariosAreReadInAnyCase() {
        assertThat(AllCommand.Scenario.of(" Join")).isEqualTo(AllCommand.Scenario.JOIN);
    }
}
