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
                    kind.target() == 0 ? "see below" : median >= kind.target() ? "yes" : "NO", stats(ms, SinkMeasurement::workerCpuPerMillion).median(),
                    stats(ms, SinkMeasurement::targetCpuPerMillion).median(),
                    ms.stream().mapToLong(SinkMeasurement::peakHeap).max().orElse(0) >> 20,
                    ms.stream().mapToLong(SinkMeasurement::peakRss).max().orElse(0) >> 20,
                    // a topic holds a message per change, the other targets a row per row
                    kind.isKafka() ? outcome.ranges().get(kind).changes() : outcome.ranges().get(kind).rows()));
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

    /**
     * Issue 12's ratios, run by run: each Kafka sink's rows/s against kafka-producer-perf-test's
     * records/s in the same run (target 0.7 at least once), and exactly-once against
     * at-least-once (target 0.8); medians of the per-run ratios.
     */
    static String renderKafka(SinkScenario.Outcome outcome) {
        StringBuilder table = new StringBuilder("| run | kafka-producer-perf-test records/s (record bytes)"
                + " | Sluice at-least-once rows/s | ratio | Sluice exactly-once rows/s | ratio | exactly-once / at-least-once |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Double> alo = new ArrayList<>();
        List<Double> eos = new ArrayList<>();
        List<Double> eosToAlo = new ArrayList<>();
        int runs = outcome.producerLimits().size();
        for (int i = 0; i < runs; i++) {
            KafkaTopics.ProducerLimit limit = outcome.producerLimits().get(i);
            double a = rate(outcome, SinkKind.KAFKA, i);
            double e = rate(outcome, SinkKind.KAFKA_EXACTLY_ONCE, i);
            table.append(String.format(Locale.ROOT, "| %d | %,.0f (%d) | %,.0f | %.2f | %,.0f | %.2f | %.2f |%n", i + 1,
                    limit.recordsPerSecond(), limit.recordSize(), a, a / limit.recordsPerSecond(), e,
                    e / limit.recordsPerSecond(), e / a));
            alo.add(a / limit.recordsPerSecond());
            eos.add(e / limit.recordsPerSecond());
            eosToAlo.add(e / a);
        }
        table.append(String.format(Locale.ROOT, "| median | | | %.2f (target 0.70) | | %.2f | %.2f (target 0.80) |%n",
                Stats.of(alo).median(), Stats.of(eos).median(), Stats.of(eosToAlo).median()));
        return table.toString();
    }

    /** A Kafka kind's rows/s in the i-th measured run, NaN when it was not measured. */
    private static double rate(SinkScenario.Outcome outcome, SinkKind kind, int i) {
        List<SinkMeasurement> ms = outcome.measurements().stream().filter(m -> m.kind() == kind).toList();
        return i < ms.size() ? ms.get(i).rowsPerSecond() : Double.NaN;
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
