package io.sluice.bench;

import io.sluice.bench.worker.FlinkWarmUp;
import io.sluice.bench.worker.JobRuns;
import io.sluice.event.Event;
import io.sluice.source.BinlogSource;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.regex.Pattern;

/**
 * Reads a binlog range with Sluice's {@link BinlogSource} into a {@link DiscardingSink} on a local
 * Flink cluster, parallelism 1, bounded by the range's end so the job finishes by itself.
 *
 * <p>The cluster is started before the clock starts: the time runs from job submission to the
 * job's end, as a user of a running cluster would see it. Each {@link #read} is a new job on the
 * same cluster.
 */
final class SluiceRead implements AutoCloseable {
    static final long SERVER_ID = 7102;

    private final Configuration conf = new Configuration();
    private final MiniCluster cluster;

    SluiceRead() throws Exception {
        conf.setString("metrics.reporter.bench.factory.class", JobCounters.Factory.class.getName());
        MiniClusterConfiguration clusterConf = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(1)
                .withRandomPorts()
                .build();
        cluster = new MiniCluster(clusterConf);
        cluster.start();
        FlinkWarmUp.ifAsked(cluster);
    }

    /** Submits one job that reads {@code range} and waits for its end. */
    ReadResult read(BinlogRange range) throws Exception {
        JobGraph job = jobGraph(range, conf);
        JobCounters.reset();
        FirstRowWatch firstRow = FirstRowWatch.start();
        long start = System.nanoTime();
        try {
            JobRuns.runToEnd(cluster, job, "the Sluice job");
        } finally {
            firstRow.stop();
        }
        long nanos = System.nanoTime() - start;
        long rows = JobCounters.sinksIn();
        return new ReadResult(rows, nanos, firstRow.at() < 0 ? -1 : firstRow.at() - start);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private static JobGraph jobGraph(BinlogRange range, Configuration conf) {
        BinlogSourceConfig config = BinlogSourceConfig.builder()
                .hostname(range.host())
                .port(range.port())
                .username(range.user())
                .password(range.password())
                .serverId(SERVER_ID)
                .tables(Pattern.quote(range.database()) + "\\." + Pattern.quote(range.table()), null)
                .startup(StartupOptions.position(range.startFile(), range.startPosition()))
                .stopAt(StopOptions.at(range.endFile(), range.endPosition()))
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        env.fromSource(new BinlogSource(config), WatermarkStrategy.<Event>noWatermarks(), "sluice binlog")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        return env.getStreamGraph().getJobGraph();
    }
}
