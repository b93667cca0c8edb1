package io.sluice.bench;

import io.sluice.bench.worker.MemoryWatch;
import io.sluice.bench.worker.ResultLine;

import java.util.LinkedHashMap;
import java.util.Map;

/** One system's read of the range in one run, with its worker JVM's peak memory. */
record Measurement(BenchSystem system, long rows, long nanos, long firstRowNanos, long peakHeapBytes, long peakRssBytes) {

    static Measurement of(BenchSystem system, ReadResult read, MemoryWatch memory) {
        return new Measurement(system, read.rows(), read.nanos(), read.firstRowNanos(), memory.peakHeapBytes(),
                memory.peakRssBytes());
    }

    /** Rows per second from connect or submission to the end: the headline figure. */
    double rowsPerSecond() {
        return rows * 1e9 / nanos;
    }

    /** Rows per second from the first row delivered to the end; NaN when there was no row. */
    double firstToLastRowsPerSecond() {
        return firstRowNanos < 0 || nanos <= firstRowNanos ? Double.NaN : rows * 1e9 / (nanos - firstRowNanos);
    }

    /** The worker's result line (the Flink CDC worker prints the same fields). */
    String toLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("system", system.name());
        fields.put("rows", rows);
        fields.put("nanos", nanos);
        fields.put("firstRowNanos", firstRowNanos);
        fields.put("peakHeap", peakHeapBytes);
        fields.put("peakRss", peakRssBytes);
        return ResultLine.format(fields);
    }

    static Measurement parse(String line) {
        return of(ResultLine.parse(line));
    }

    static Measurement of(Map<String, String> fields) {
        return new Measurement(BenchSystem.valueOf(fields.get("system")), Long.parseLong(fields.get("rows")),
                Long.parseLong(fields.get("nanos")), Long.parseLong(fields.get("firstRowNanos")),
                Long.parseLong(fields.get("peakHeap")), Long.parseLong(fields.get("peakRss")));
    }
}
