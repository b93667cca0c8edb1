package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One system's read of the range in one run, with its worker JVM's peak memory. */
record Measurement(BenchSystem system, long rows, long nanos, long firstRowNanos, long peakHeapBytes, long peakRssBytes) {

    /** Marks the worker's result line among its log lines. */
    static final String PREFIX = "BENCH-RESULT ";

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

    String toLine() {
        return PREFIX + "system=" + system + " rows=" + rows + " nanos=" + nanos + " firstRowNanos=" + firstRowNanos
                + " peakHeap=" + peakHeapBytes + " peakRss=" + peakRssBytes;
    }

    static Measurement parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new Measurement(BenchSystem.valueOf(fields.get("system")), Long.parseLong(fields.get("rows")),
                Long.parseLong(fields.get("nanos")), Long.parseLong(fields.get("firstRowNanos")),
                Long.parseLong(fields.get("peakHeap")), Long.parseLong(fields.get("peakRss")));
    }
}
