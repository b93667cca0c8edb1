package io.sluice.bench.job;

import io.sluice.bench.JobCounters;
import io.sluice.bench.worker.MemoryWatch;
import io.sluice.bench.worker.ResultLine;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.FlinkSettings;
import io.sluice.jobs.topology.TopologyBuilder;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The main of a worker JVM that runs a Sluice job file, built by the jobs module's {@link
 * TopologyBuilder} exactly as {@code sluice run} builds it, on a local Flink cluster started before
 * the clock. Two modes:
 *
 * <ul>
 *   <li>{@code drain <source rows> <quiet ms>}: from submission until the source has emitted the
 *       given number of records and no operator has received a record for the quiet period; the
 *       end of the time is the last moment any operator's record count moved (sampled every
 *       10 ms). Then it takes a checkpoint and reports its state size, and the heap in use after a
 *       full garbage collection (the live heap), next to the peak heap and RSS of the run.
 *   <li>{@code serve}: prints {@code BENCH-READY} when every task runs, then runs until its
 *       standard input is closed, and cancels the job.
 * </ul>
 *
 * <p>Arguments: the job file, its checkpoint directory, then the mode and its arguments.
 */
public final class JobWorker {
    /** Printed in serve mode once every task of the job runs. */
    static final String READY = "BENCH-READY";
    private static final long SAMPLE_MILLIS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private JobWorker() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[2].equals("serve") || args[2].equals("drain") && args.length == 5)) {
            throw new IllegalArgumentException("usage: JobWorker <job file> <checkpoint dir>"
                    + " (serve | drain <source rows> <quiet ms>)");
        }
        MemoryWatch memory = MemoryWatch.start();
        JobConfig config = JobFiles.load(Path.of(args[0]), System.getenv(), List.of(),
                TopologyBuilder.CHECKS);
        Configuration conf = FlinkSettings.of(config.job(), Optional.of(Path.of(args[1]).toUri().toString()));
        conf.setString("metrics.reporter.bench-job.factory.class", JobCounters.Factory.class.getName());
        int parallelism = config.job().parallelism();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .withRandomPorts()
                .build())) {
            cluster.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            new TopologyBuilder(config).build(env);
            JobGraph job = env.getStreamGraph().getJobGraph();
            if (args[2].equals("serve")) {
                serve(cluster, job);
            } else {
                drain(cluster, job, Long.parseLong(args[3]), Long.parseLong(args[4]), memory);
            }
        }
        // Flink and the binlog client may leave non-daemon threads behind; the figures are out
        System.exit(0);
    }

    private static void serve(MiniCluster cluster, JobGraph job) throws Exception {
        cluster.submitJob(job).get();
        awaitRunning(cluster, job.getJobID());
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the runner closes our standard input
        }
        cluster.cancelJob(job.getJobID()).get();
    }

    private static void drain(MiniCluster cluster, JobGraph job, long sourceRows, long quietMillis,
            MemoryWatch memory) throws Exception {
        JobID id = job.getJobID();
        long start = System.nanoTime();
        cluster.submitJob(job).get();
        long firstRowAt = -1;
        long lastMoveAt = start;
        long lastCount = 0;
        long deadline = start + TIMEOUT.toNanos();
        while (true) {
            Thread.sleep(SAMPLE_MILLIS);
            long now = System.nanoTime();
            long count = JobCounters.allIn();
            if (count != lastCount) {
                lastCount = count;
                lastMoveAt = now;
                if (firstRowAt < 0) {
                    firstRowAt = now;
                }
            }
            if (JobCounters.sourceOut() >= sourceRows && now - lastMoveAt >= quietMillis * 1_000_000) {
                break;
            }
            JobStatus status = cluster.getJobStatus(id).get();
            if (status.isGloballyTerminalState() || now > deadline) {
                throw new IllegalStateException("the job is " + status + " after " + JobCounters.sourceOut() + " of "
                        + sourceRows + " source records; see the log above");
            }
        }
        long nanos = lastMoveAt - start;
        long checkpointBytes = checkpointSize(cluster, id);
        long liveHeap = liveHeap();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sourceRows", JobCounters.sourceOut());
        fields.put("sinkRecords", JobCounters.sinksIn());
        fields.put("nanos", nanos);
        fields.put("firstRowNanos", firstRowAt < 0 ? -1 : firstRowAt - start);
        fields.put("peakHeap", memory.peakHeapBytes());
        fields.put("liveHeap", liveHeap);
        fields.put("peakRss", memory.peakRssBytes());
        fields.put("checkpointBytes", checkpointBytes);
        cluster.cancelJob(id).get();
        ResultLine.print(fields);
    }

    /** Takes a checkpoint now and returns its full state size in bytes. */
    private static long checkpointSize(MiniCluster cluster, JobID id) throws Exception {
        String path = cluster.triggerCheckpoint(id).get();
        CompletedCheckpointStats latest = cluster.getExecutionGraph(id).get().getCheckpointStatsSnapshot()
                .getHistory().getLatestCompletedCheckpoint();
        if (latest == null) {
            throw new IllegalStateException("checkpoint " + path + " completed but has no statistics");
        }
        return latest.getStateSize();
    }

    /** The heap in use after a full collection: what the job's objects and state hold. */
    private static long liveHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void awaitRunning(MiniCluster cluster, JobID id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Iterable<? extends AccessExecutionVertex> vertices = cluster.getExecutionGraph(id).get()
                    .getAllExecutionVertices();
            boolean allRunning = vertices.iterator().hasNext();
            for (AccessExecutionVertex vertex : vertices) {
                allRunning &= vertex.getExecutionState() == ExecutionState.RUNNING;
            }
            if (allRunning) {
                return;
            }
            JobStatus status = cluster.getJobStatus(id).get();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended (" + status + ") before all its tasks ran");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the job's tasks did not all start within 2 minutes");
    }

    /** Writes a job file for a worker, in {@code dir}. */
    static Path writeJobFile(Path dir, String name, String yaml) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }
}
