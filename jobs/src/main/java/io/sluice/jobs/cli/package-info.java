/**
 * The {@code sluice} command: {@code sluice run JOB.yaml} and {@code sluice validate JOB.yaml}
 * ({@link io.sluice.jobs.cli.Sluice}, on picocli). Exit codes: 0 done, 1 the job failed, 2 a bad
 * job file or bad arguments, 130 stopped by Ctrl-C.
 */
package io.sluice.jobs.cli;
