package io.sluice.bench.snapshot;

import io.sluice.bench.worker.JobRuns;
import io.sluice.event.Event;
import io.sluice.source.BinlogSource;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Snapshots one table with Sluice's {@link BinlogSource} in startup mode {@code snapshot} (the job
 * ends after the snapshot) into a sink that only counts, on a local Flink cluster started before
 * the clock, and prints one result line: the same harness as the Flink CDC worker.
 *
 * <p>Arguments: host port user password database table parallelism first-server-id chunk-size.
 */
public final class SluiceSnapshotWorker {
    static final LongAdder ROWS = new LongAdder();

    private SluiceSnapshotWorker() {}

    public static void main(String[] args) throws Exception {
        int parallelism = Integer.parseInt(args[6]);
        long serverId = Long.parseLong(args[7]);
        BinlogSourceConfig config = BinlogSourceConfig.builder()
                .hostname(args[0])
                .port(Integer.parseInt(args[1]))
                .username(args[2])
                .password(args[3])
                .tables(Pattern.quote(args[4]) + "\\." + Pattern.quote(args[5]), null)
                .serverIdRange(serverId, serverId + parallelism - 1)
                .startup(StartupOptions.snapshot())
                .chunkSize(Integer.parseInt(args[8]))
                .build();

        Configuration conf = new Configuration();
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .withRandomPorts()
                .build());
        cluster.start();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.getConfig().disableGenericTypes();
        env.fromSource(new BinlogSource(config), WatermarkStrategy.<Event>noWatermarks(), "sluice snapshot")
                .sinkTo(new CountingSink());
        JobGraph job = env.getStreamGraph().getJobGraph();

        long start = System.nanoTime();
        JobRuns.runToEnd(cluster, job, "the Sluice job");
        long nanos = System.nanoTime() - start;
        System.out.println("RESULT rows=" + ROWS.sum() + " nanos=" + nanos);
        System.out.flush();
        System.exit(0);
    }

    /** Counts what reaches it, in this JVM. */
    static final class CountingSink implements Sink<Event> {
        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<Event> createWriter(InitContext context) {
            return writer();
        }

        @Override
        public SinkWriter<Event> createWriter(WriterInitContext context) {
            return writer();
        }

        private static SinkWriter<Event> writer() {
            return new SinkWriter<>() {
                @Override
                public void write(Event element, Context context) {
                    ROWS.increment();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
