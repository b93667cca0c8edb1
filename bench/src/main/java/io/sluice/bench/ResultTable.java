package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a scenario's outcome as a Markdown table: per system the median rate over the runs with
 * the spread, the peak memory of its worker JVMs, and its ratio to the first system, computed
 * pair by pair within each run before the median is taken.
 */
final class ResultTable {
    private final String scenario;
    private final BinlogScenario.Outcome outcome;
    private final List<BenchSystem> systems;

    ResultTable(String scenario, BinlogScenario.Outcome outcome, List<BenchSystem> systems) {
        this.scenario = scenario;
        this.outcome = outcome;
        this.systems = List.copyOf(systems);
    }

    /** True when every system delivered exactly the row changes written, in every run. */
    boolean countsMatch() {
        return outcome.runs().stream().flatMap(List::stream)
                .allMatch(m -> m.rows() == outcome.range().expectedRows());
    }

    /** Median over the runs of {@code system}'s rate divided by the first system's, in the same run. */
    Stats ratio(BenchSystem system) {
        return ratio(system, systems.get(0));
    }

    /** Median over the runs of {@code system}'s rate divided by {@code reference}'s, in the same run. */
    Stats ratio(BenchSystem system, BenchSystem reference) {
        List<Double> ratios = new ArrayList<>();
        for (List<Measurement> run : outcome.runs()) {
            ratios.add(of(run, system).rowsPerSecond() / of(run, reference).rowsPerSecond());
        }
        return Stats.of(ratios);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | system | rows/s (median) | spread (min-max) | first-to-last rows/s (median)"
                + " | peak heap (max) | peak RSS (max) | rate vs ").append(systems.get(0).label())
                .append(" (median of per-run ratios, min-max) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (BenchSystem system : systems) {
            List<Measurement> all = outcome.runs().stream().map(run -> of(run, system)).toList();
            Stats rate = Stats.of(all.stream().map(Measurement::rowsPerSecond).toList());
            Stats firstToLast = Stats.of(all.stream().map(Measurement::firstToLastRowsPerSecond).toList());
            long heap = all.stream().mapToLong(Measurement::peakHeapBytes).max().orElse(-1);
            long rss = all.stream().mapToLong(Measurement::peakRssBytes).max().orElse(-1);
            String ratio = system == systems.get(0) ? "1" : ratio(ratio(system));
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f-%,.0f | %,.0f | %s | %s | %s |%n",
                    scenario, system.label(), rate.median(), rate.min(), rate.max(), firstToLast.median(),
                    mib(heap), mib(rss), ratio));
        }
        return out.toString();
    }

    /** One row per system for {@code bench all}, with its ratios to the systems before it. */
    List<SummaryRow> summaryRows() {
        List<SummaryRow> rows = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            BenchSystem system = systems.get(i);
            List<Measurement> all = outcome.runs().stream().map(run -> of(run, system)).toList();
            List<String> ratios = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                ratios.add(ratio(ratio(system, systems.get(j))) + " of " + systems.get(j).label());
            }
            rows.add(SummaryRow.throughput(scenario, system.label(),
                    Stats.of(all.stream().map(Measurement::rowsPerSecond).toList()),
                    all.stream().mapToLong(Measurement::peakHeapBytes).max().orElse(-1),
                    String.format(Locale.ROOT, "%,d changes; first-to-last %,.0f rows/s", outcome.range().expectedRows(),
                            Stats.of(all.stream().map(Measurement::firstToLastRowsPerSecond).toList()).median())
                            + (ratios.isEmpty() ? "" : "; rate " + String.join(", ", ratios))));
        }
        return rows;
    }

    /** Every pair of systems: the later one's rate over the earlier one's, per run, then the median. */
    String renderPairs() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < systems.size(); i++) {
            for (int j = i + 1; j < systems.size(); j++) {
                out.append(String.format(Locale.ROOT, "%s / %s: %s%n", systems.get(j).label(), systems.get(i).label(),
                        ratio(ratio(systems.get(j), systems.get(i)))));
            }
        }
        return out.toString();
    }

    /** One line per run and system: rows read, seconds, rate. */
    String renderRuns() {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (List<Measurement> run : outcome.runs()) {
            for (Measurement m : run) {
                out.append(String.format(Locale.ROOT, "run %d  %-14s rows %,d%s  %.3f s  %,.0f rows/s"
                                + "  (first row after %.3f s)  heap %s  RSS %s%n", n, m.system().label(), m.rows(),
                        m.rows() == outcome.range().expectedRows() ? "" : " (EXPECTED " + outcome.range().expectedRows() + ")",
                        m.nanos() / 1e9, m.rowsPerSecond(), m.firstRowNanos() / 1e9, mib(m.peakHeapBytes()),
                        mib(m.peakRssBytes())));
            }
            n++;
        }
        return out.toString();
    }

    private static Measurement of(List<Measurement> run, BenchSystem system) {
        return run.stream().filter(m -> m.system() == system).findFirst()
                .orElseThrow(() -> new IllegalStateException("no measurement of " + system + " in a run"));
    }

    private static String ratio(Stats s) {
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", s.median(), s.min(), s.max());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : (bytes + (1 << 19)) / (1 << 20) + " MiB";
    }
}
