package io.sluice.bench;

/**
 * What one read of a binlog range measured, in the worker JVM.
 *
 * @param rows the row changes the system delivered
 * @param nanos from connect (bare client) or job submission (Flink) to the end
 * @param firstRowNanos from the same start to the first row delivered; -1 when there was none
 */
record ReadResult(long rows, long nanos, long firstRowNanos) {}
