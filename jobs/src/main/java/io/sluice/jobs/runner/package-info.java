/**
 * Running a job: {@link io.sluice.jobs.runner.LocalRunner} on a MiniCluster in this JVM with the
 * web UI, resuming from the job's own checkpoint directory ({@code CheckpointDirectory});
 * {@link io.sluice.jobs.runner.ClusterRunner} on the Flink cluster that runs this program
 * ({@code flink run}, or a jar uploaded through the web UI).
 */
package io.sluice.jobs.runner;
