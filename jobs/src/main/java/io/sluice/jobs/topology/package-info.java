/**
 * From a job file to a Flink job: {@link io.sluice.jobs.topology.TopologyBuilder} adds the binlog
 * source, the per-row keying and the sinks to a {@code StreamExecutionEnvironment}, with readable
 * operator names and uids derived from the job file; {@link io.sluice.jobs.topology.FlinkSettings}
 * turns the {@code job} block into Flink configuration.
 *
 * <p>Inside: one class per mapping ({@code BinlogSourceFactory}, {@code SinkFactory}), the small
 * operators ({@code KeyChangeSplitter}, {@code RowKeySelector}, {@code TableSelector}), the uid
 * scheme ({@code Uids}) and the check of what this version can run ({@code Availability}).
 */
package io.sluice.jobs.topology;
