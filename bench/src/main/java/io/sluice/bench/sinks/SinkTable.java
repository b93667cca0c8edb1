package io.sluice.bench.sinks;

import io.sluice.bench.Stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The scenario's printed tables: medians with their spread per sink, then every run. */
final class SinkTable {
    private SinkTable() {}

    static String render(SinkScenario.Outcome outcome) {
        StringBuilder table = new StringBuilder();
        table.append("| sink | row changes | runs | rows/s (median) | spread (min-max) | first-to-last rows/s (median)"
                + " | target rows/s | met (median) | worker CPU s per 1M changes (median) | target server CPU s per 1M"
                + " changes (median) | peak heap (max) | peak RSS (max) | target rows checked |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (SinkKind kind : outcome.ranges().keySet()) {
            List<SinkMeasurement> ms = outcome.measurements().stream().filter(m -> m.kind() == kind).toList();
            Stats rate = stats(ms, SinkMeasurement::rowsPerSecond);
            double median = rate.median();
            table.append(String.format(Locale.ROOT,
                    "| %s | %,d | %d | %,.0f | %,.0f-%,.0f | %,.0f | %,d | %s | %.1f | %.1f | %d MiB | %d MiB | %,d |%n",
                    kind.label(), outcome.ranges().get(kind).changes(), ms.size(), median, rate.min(), rate.max(),
                    stats(ms, SinkMeasurement::firstToLastRowsPerSecond).median(), kind.target(),
                    median >= kind.target() ? "yes" : "NO", stats(ms, SinkMeasurement::workerCpuPerMillion).median(),
                    stats(ms, SinkMeasurement::targetCpuPerMillion).median(),
                    ms.stream().mapToLong(SinkMeasurement::peakHeap).max().orElse(0) >> 20,
                    ms.stream().mapToLong(SinkMeasurement::peakRss).max().orElse(0) >> 20,
                    outcome.ranges().get(kind).rows()));
        }
        return table.toString();
    }

    static String renderRuns(SinkScenario.Outcome outcome) {
        StringBuilder table = new StringBuilder("| run | sink | rows at the sink | seconds | rows/s | first row after (s)"
                + " | first-to-last rows/s | worker CPU s | target CPU s |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SinkMeasurement m : outcome.measurements()) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %,d | %.2f | %,.0f | %.2f | %,.0f | %.1f | %.1f |%n",
                    m.run(), m.kind().label(), m.sinkRows(), m.nanos() / 1e9, m.rowsPerSecond(), m.firstNanos() / 1e9,
                    m.firstToLastRowsPerSecond(), m.workerCpuNanos() / 1e9, m.targetCpuNanos() / 1e9));
        }
        return table.toString();
    }

    /** Median and range of a figure over the runs, leaving out runs where it is unknown. */
    private static Stats stats(List<SinkMeasurement> ms, ToDoubleFunction<SinkMeasurement> f) {
        List<Double> values = new ArrayList<>();
        for (SinkMeasurement m : ms) {
            double v = f.applyAsDouble(m);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return Stats.of(values);
    }
}
