package io.sluice.bench;

import java.util.List;
import java.util.Locale;

/**
 * One line of the table that {@code bench all} prints: a scenario's figure for one system, each
 * a median over the runs with its spread (min-max). Figures a scenario does not have are null.
 *
 * @param rate rows per second
 * @param p50 p99 max end-to-end latency in milliseconds (the median over the runs of each run's percentile)
 * @param peakHeapBytes the largest heap in use in any run's worker, or -1
 * @param liveHeap heap in use after a full collection at the end, in bytes
 * @param stateBytes the size of a checkpoint taken at the end
 */
public record SummaryRow(String scenario, String system, Stats rate, Stats p50, Stats p99, Stats max,
        long peakHeapBytes, Stats liveHeap, Stats stateBytes, String note) {

    public static SummaryRow throughput(String scenario, String system, Stats rate, long peakHeapBytes, String note) {
        return new SummaryRow(scenario, system, rate, null, null, null, peakHeapBytes, null, null, note);
    }

    public static SummaryRow latency(String scenario, String system, Stats rate, Stats p50, Stats p99, Stats max,
            long peakHeapBytes, String note) {
        return new SummaryRow(scenario, system, rate, p50, p99, max, peakHeapBytes, null, null, note);
    }

    public static SummaryRow memory(String scenario, String system, Stats liveHeap, Stats stateBytes,
            long peakHeapBytes) {
        return new SummaryRow(scenario, system, null, null, null, null, peakHeapBytes, liveHeap, stateBytes, "");
    }

    /** The Markdown table of {@code rows}. */
    public static String render(List<SummaryRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | system | rows/s (median, min-max) | latency p50 / p99 / max, ms (median, min-max)"
                + " | peak heap | heap after GC / state (median, min-max) | notes |\n");
        out.append("|---|---|---:|---:|---:|---:|---|\n");
        for (SummaryRow r : rows) {
            out.append("| ").append(r.scenario).append(" | ").append(r.system).append(" | ")
                    .append(r.rate == null ? "" : format(r.rate, "%,.0f")).append(" | ")
                    .append(r.p50 == null ? "" : format(r.p50, "%.0f") + " / " + format(r.p99, "%.0f") + " / "
                            + format(r.max, "%.0f"))
                    .append(" | ").append(r.peakHeapBytes < 0 ? "" : mib(r.peakHeapBytes)).append(" | ")
                    .append(r.liveHeap == null ? "" : mibs(r.liveHeap) + " / " + mibs(r.stateBytes)).append(" | ")
                    .append(r.note == null ? "" : r.note).append(" |\n");
        }
        return out.toString();
    }

    private static String format(Stats s, String number) {
        String median = String.format(Locale.ROOT, number, s.median());
        if (s.min() == s.max()) {
            return median;
        }
        return median + " (" + String.format(Locale.ROOT, number, s.min()) + "-"
                + String.format(Locale.ROOT, number, s.max()) + ")";
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }

    private static String mibs(Stats s) {
        return s.min() == s.max() ? mib(s.median())
                : mib(s.median()) + " (" + mib(s.min()) + "-" + mib(s.max()) + ")";
    }
}
