package io.sluice.bench.sinks;

import io.sluice.bench.FirstRowWatch;
import io.sluice.bench.JobCounters;
import io.sluice.bench.worker.MemoryWatch;
import io.sluice.bench.worker.ResultLine;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;

import com.sun.management.OperatingSystemMXBean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The main of a worker JVM: loads a job file the way {@code sluice run} does (validated, with the
 * topology builder's checks), starts a local Flink cluster, then times the job from submission
 * to its end (the bounded source stops at the range's end; the sinks flush on the way out) and
 * prints one {@link ResultLine}: rows that reached the sink, nanoseconds, nanoseconds until the
 * first row reached it, the JVM's CPU time meanwhile, peak heap and RSS. Arguments: the job file, a checkpoint folder.
 */
public final class SinkWorker {
    private SinkWorker() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SinkWorker <job file> <checkpoint folder>");
        }
        MemoryWatch memory = MemoryWatch.start();
        JobConfig job = JobFiles.load(Path.of(args[0]), Map.of(), List.of(),
                TopologyBuilder.CHECKS);
        Configuration conf = FlinkSettings.of(job.job(), Optional.of(Path.of(args[1]).toUri().toString()));
        conf.setString("metrics.reporter.bench-sinks.factory.class", JobCounters.Factory.class.getName());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, job.job().parallelism());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        new TopologyBuilder(job).build(env);
        JobGraph graph = env.getStreamGraph().getJobGraph(Thread.currentThread().getContextClassLoader(), null);

        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(job.job().parallelism())
                .withRandomPorts()
                .build())) {
            cluster.start();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            FirstRowWatch first = FirstRowWatch.start();
            cluster.submitJob(graph).get();
            JobResult result = cluster.requestJobResult(graph.getJobID()).get();
            long nanos = System.nanoTime() - start;
            long cpuNanos = os.getProcessCpuTime() - cpuStart;
            first.stop();
            if (!result.isSuccess()) {
                throw new IllegalStateException("the job failed",
                        result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("rows", JobCounters.sinksIn());
            fields.put("nanos", nanos);
            fields.put("firstNanos", first.at() < 0 ? -1 : first.at() - start);
            fields.put("cpuNanos", cpuNanos);
            fields.put("peakHeap", memory.peakHeapBytes());
            fields.put("peakRss", memory.peakRssBytes());
            ResultLine.print(fields);
        }
        // Flink and the clients may leave non-daemon threads behind; the figures are out
        System.exit(0);
    }
}
