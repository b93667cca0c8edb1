package io.sluice.bench.sinks;

import java.util.Map;

/**
 * One worker's result for one sink in one run, and what the target held afterwards.
 *
 * @param changes row changes the job read from the binlog (the range's)
 * @param sinkRows row changes that reached the sink writers
 * @param nanos job submission to the job's end
 * @param firstNanos job submission to the first row reaching a sink writer, or -1
 * @param workerCpuNanos CPU time of the worker JVM (source, job, sink) from submission to the end
 * @param targetCpuNanos CPU time of the target server meanwhile, or -1 when it could not be read
 * @param targetRows rows (keys, documents) the target held after the run, checked against the source
 */
record SinkMeasurement(SinkKind kind, int run, long changes, long sinkRows, long nanos, long firstNanos,
        long workerCpuNanos, long targetCpuNanos, long peakHeap, long peakRss, long targetRows) {

    static SinkMeasurement of(SinkKind kind, int run, long changes, Map<String, String> fields, long targetCpuNanos,
            long targetRows) {
        return new SinkMeasurement(kind, run, changes, Long.parseLong(fields.get("rows")),
                Long.parseLong(fields.get("nanos")), Long.parseLong(fields.get("firstNanos")),
                Long.parseLong(fields.get("cpuNanos")), targetCpuNanos, Long.parseLong(fields.get("peakHeap")),
                Long.parseLong(fields.get("peakRss")), targetRows);
    }

    /** CPU seconds the worker JVM spent per million row changes. */
    double workerCpuPerMillion() {
        return workerCpuNanos / 1e9 / (changes / 1e6);
    }

    /** CPU seconds the target server spent per million row changes, NaN when unknown. */
    double targetCpuPerMillion() {
        return targetCpuNanos < 0 ? Double.NaN : targetCpuNanos / 1e9 / (changes / 1e6);
    }

    /** Row changes per second from job submission to the job's end. */
    double rowsPerSecond() {
        return changes / (nanos / 1e9);
    }

    /** Row changes per second from the first row at a sink to the job's end (start-up left out). */
    double firstToLastRowsPerSecond() {
        return firstNanos < 0 || firstNanos >= nanos ? Double.NaN : changes / ((nanos - firstNanos) / 1e9);
    }
}
