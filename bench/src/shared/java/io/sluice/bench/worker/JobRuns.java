package io.sluice.bench.worker;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** Runs a bounded job on a worker's MiniCluster to its end. */
public final class JobRuns {
    private JobRuns() {}

    /** Submits {@code job}, waits until it has ended, and fails, naming {@code what}, unless it succeeded. */
    public static void runToEnd(MiniCluster cluster, JobGraph job, String what) throws Exception {
        cluster.submitJob(job).get();
        JobResult result = cluster.requestJobResult(job.getJobID()).get();
        if (!result.isSuccess()) {
            throw new IllegalStateException(what + " failed",
                    result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
        }
    }
}
