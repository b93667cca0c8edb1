package io.sluice.bench;

import io.sluice.bench.worker.ResultLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ResultTableTest {
    private static final BinlogRange RANGE =
            new BinlogRange("127.0.0.1", 3306, "root", "", "bench_1", "bench_rows", "binlog.000001", 4,
                    "binlog.000001", 1000, 100, 996);

    @Test
    void ratiosArePairedWithinARunBeforeTheMedian() {
        // run 1: 100 vs 50 rows/s (0.5); run 2: 200 vs 160 (0.8); run 3: 400 vs 120 (0.3)
        BinlogScenario.Outcome outcome = new BinlogScenario.Outcome("10.11", RANGE, List.of(
                List.of(measured(BenchSystem.BARE, 1.0), measured(BenchSystem.SLUICE, 2.0)),
                List.of(measured(BenchSystem.BARE, 0.5), measured(BenchSystem.SLUICE, 0.625)),
                List.of(measured(BenchSystem.BARE, 0.25), measured(BenchSystem.SLUICE, 100 / 120.0))));

        Stats ratio = new ResultTable("binlog", outcome, List.of(BenchSystem.BARE, BenchSystem.SLUICE))
                .ratio(BenchSystem.SLUICE);

        // the ratio of the median rates would be 120 / 200 = 0.6
        assertThat(ratio.median()).isCloseTo(0.5, within(1e-9));
        assertThat(ratio.min()).isCloseTo(0.3, within(1e-9));
        assertThat(ratio.max()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void aWrongRowCountIsReported() {
        BinlogScenario.Outcome outcome = new BinlogScenario.Outcome("10.11", RANGE, List.of(
                List.of(measured(BenchSystem.BARE, 1.0),
                        new Measurement(BenchSystem.SLUICE, 99, 1_000_000_000L, 0, 1, 1))));

        ResultTable table = new ResultTable("binlog", outcome, List.of(BenchSystem.BARE, BenchSystem.SLUICE));

        assertThat(table.countsMatch()).isFalse();
        assertThat(table.renderRuns()).contains("rows 99 (EXPECTED 100)");
    }

    @Test
    void measurementLinesRoundTrip() {
        Measurement m = new Measurement(BenchSystem.SLUICE, 1_000_000, 2_500_000_000L, 700_000_000L, 123, 456);

        assertThat(Measurement.parse(m.toLine())).isEqualTo(m);
        assertThat(m.rowsPerSecond()).isCloseTo(400_000, within(1e-6));
        assertThat(m.firstToLastRowsPerSecond()).isCloseTo(1_000_000 / 1.8, within(1e-6));
    }

    @Test
    void everyPairOfSystemsHasItsOwnPerRunRatio() {
        // run 1: bare 100, Sluice 50, Flink CDC 10 rows/s; run 2: 100, 80, 5
        BinlogScenario.Outcome outcome = new BinlogScenario.Outcome("10.11", RANGE, List.of(
                List.of(measured(BenchSystem.BARE, 1.0), measured(BenchSystem.SLUICE, 2.0),
                        measured(BenchSystem.FLINK_CDC, 10.0)),
                List.of(measured(BenchSystem.BARE, 1.0), measured(BenchSystem.SLUICE, 1.25),
                        measured(BenchSystem.FLINK_CDC, 20.0))));

        ResultTable table = new ResultTable("binlog", outcome,
                List.of(BenchSystem.BARE, BenchSystem.SLUICE, BenchSystem.FLINK_CDC));

        assertThat(table.renderPairs()).isEqualTo(String.join("\n",
                "Sluice / bare client: 0.65 (0.50-0.80)",
                "Flink CDC 3.5 / bare client: 0.08 (0.05-0.10)",
                "Flink CDC 3.5 / Sluice: 0.13 (0.06-0.20)", ""));
    }

    @Test
    void resultLinesRejectWhatTheyCannotCarry() {
        assertThatThrownBy(() -> ResultLine.format(Map.of("system", "a b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a value without spaces, got system='a b'");
        assertThatThrownBy(() -> ResultLine.parse("RESULT rows=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a result line (expected 'BENCH-RESULT ...')");
        assertThatThrownBy(() -> ResultLine.parse("BENCH-RESULT rows"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a result field is key=value, got 'rows'");
    }

    @Test
    void systemsAreNamedAsOnTheCommandLine() {
        assertThat(BenchSystem.ofOption("flink-cdc")).isEqualTo(BenchSystem.FLINK_CDC);
        assertThat(BenchSystem.ofOption("FLINK_CDC")).isEqualTo(BenchSystem.FLINK_CDC);
        assertThatThrownBy(() -> BenchSystem.ofOption("debezium"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown system 'debezium'; expected one of [bare, sluice, flink-cdc]");
    }

    @Test
    void flinkCdcNeedsItsBuildAndNoWarmUp(@TempDir Path empty) {
        WorkerLauncher missing = new WorkerLauncher("1g", 0, List.of(), empty, empty);
        assertThatThrownBy(() -> missing.checkBuilt(List.of(BenchSystem.BARE, BenchSystem.FLINK_CDC)))
                .hasMessageContaining("no Flink CDC worker build at " + empty.toAbsolutePath())
                .hasMessageContaining("mvn -B -q -f bench/flink-cdc/pom.xml package");
        missing.checkBuilt(List.of(BenchSystem.BARE, BenchSystem.SLUICE));

        WorkerLauncher warm = new WorkerLauncher("1g", 2, List.of(), empty, empty);
        assertThatThrownBy(() -> warm.checkBuilt(List.of(BenchSystem.FLINK_CDC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--warmup 2 cannot be used with flink-cdc");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Stats(2.5, 1.0, 4.0));
    }

    private static Measurement measured(BenchSystem system, double seconds) {
        return new Measurement(system, 100, (long) (seconds * 1e9), 0, 1, 1);
    }
}
