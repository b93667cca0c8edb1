/**
 * The sinks scenario ({@code bench sinks}): each sink's sustained rows per second, end to end
 * from the binlog source through the job file's topology to a real Redis, MariaDB or
 * Elasticsearch, each measurement in a fresh worker JVM, with the target checked afterwards.
 */
package io.sluice.bench.sinks;
