package io.sluice.bench.sinks;

import io.sluice.bench.Stats;
import io.sluice.bench.SummaryRow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sinks scenario as {@code bench all} runs it: {@link SinksCommand}'s defaults but the sizes,
 * runs and heap, and one row per sink for the common table.
 */
public final class SinksSummary {
    private SinksSummary() {}

    /** The rows, and whether every sink received exactly its range's row changes in every run. */
    public record Result(List<SummaryRow> rows, boolean complete) {}

    /**
     * @param changes row changes for Redis and for JDBC
     * @param esChanges row changes for Elasticsearch
     */
    public static Result run(long changes, long esChanges, int runs, String heap, Path logDir, PrintStream progress)
            throws Exception {
        Map<SinkKind, Long> sizes = new EnumMap<>(SinkKind.class);
        sizes.put(SinkKind.REDIS, changes);
        sizes.put(SinkKind.JDBC, changes);
        sizes.put(SinkKind.ELASTICSEARCH, esChanges);
        SinkScenario.Outcome outcome = SinkScenario.run(new SinkScenario.Settings(sizes, runs, 1, 1, "10s", "1g", 0, "",
                "", List.of("-Xmx" + heap), logDir), progress);
        List<SummaryRow> rows = new ArrayList<>();
        for (SinkKind kind : outcome.ranges().keySet()) {
            List<SinkMeasurement> ms = outcome.measurements().stream().filter(m -> m.kind() == kind).toList();
            Stats rate = Stats.of(ms.stream().map(SinkMeasurement::rowsPerSecond).toList());
            Stats cpu = Stats.of(ms.stream().map(SinkMeasurement::workerCpuPerMillion).toList());
            rows.add(SummaryRow.throughput("sinks", "Sluice -> " + kind.label(), rate,
                    ms.stream().mapToLong(SinkMeasurement::peakHeap).max().orElse(-1),
                    String.format(Locale.ROOT, "%,d changes, parallelism 1; target %,d rows/s: %s; worker CPU %.1f s"
                                    + " per 1M changes", outcome.ranges().get(kind).changes(), kind.target(),
                            rate.median() >= kind.target() ? "met" : "NOT met", cpu.median())));
        }
        boolean complete = outcome.measurements().stream().allMatch(m -> m.sinkRows() == m.changes());
        return new Result(rows, complete);
    }
}
