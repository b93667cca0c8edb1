package io.sluice.bench.worker;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * With {@code -Dsluice.bench.warmFlink=true} (a {@code --jvm-option} of the runner), a worker runs
 * one trivial job (a sequence into a discarding sink) on its MiniCluster before the clock starts.
 * That warms Flink's own job submission, scheduling and task deployment, as on the long-running
 * cluster a job is normally submitted to, and nothing of the system measured: its source, its
 * serializers and its connections stay cold.
 */
public final class FlinkWarmUp {
    public static final String PROPERTY = "sluice.bench.warmFlink";

    private FlinkWarmUp() {}

    public static void ifAsked(MiniCluster cluster) throws Exception {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(1, 1000).sinkTo(new DiscardingSink<>());
        JobGraph job = env.getStreamGraph().getJobGraph();
        JobRuns.runToEnd(cluster, job, "the warm-up job");
    }
}
