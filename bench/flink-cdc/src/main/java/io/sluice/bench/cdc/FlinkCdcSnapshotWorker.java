package io.sluice.bench.cdc;

import io.sluice.bench.worker.JobRuns;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import java.util.Properties;

/**
 * Snapshots one table with Flink CDC 3.5's MySQL source ({@code scan.startup.mode = snapshot}, so
 * the job ends after the snapshot) into a sink that only counts, on a local Flink cluster started
 * before the clock, and prints one result line. Each change record becomes a constant 1 before the
 * sink: the least work a user of the source could ask of it.
 *
 * <p>Arguments: host port user password database table parallelism first-server-id
 * poll-interval-ms (0: Debezium's default) chunk-size (0: the source's default).
 */
public final class FlinkCdcSnapshotWorker {
    private FlinkCdcSnapshotWorker() {}

    public static void main(String[] args) throws Exception {
        CdcTable table = CdcTable.fromArgs(args, 0);
        int parallelism = Integer.parseInt(args[6]);
        long serverId = Long.parseLong(args[7]);
        long pollMillis = Long.parseLong(args[8]);
        int chunkSize = Integer.parseInt(args[9]);

        Properties debezium = new Properties();
        if (pollMillis > 0) {
            debezium.setProperty("poll.interval.ms", String.valueOf(pollMillis));
        }
        var builder = table.sourceBuilder()
                .serverId(serverId + "-" + (serverId + parallelism))
                .startupOptions(StartupOptions.snapshot())
                .debeziumProperties(debezium)
                .deserializer(new CountOnly());
        if (chunkSize > 0) {
            builder.splitSize(chunkSize);
        }
        MySqlSource<Integer> source = builder.build();

        Configuration conf = new Configuration();
        MiniCluster cluster = CdcTable.startCluster(conf, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "flink cdc snapshot").sinkTo(new CountingSink());
        JobGraph job = env.getStreamGraph().getJobGraph();

        long start = System.nanoTime();
        JobRuns.runToEnd(cluster, job, "the Flink CDC job");
        long nanos = System.nanoTime() - start;
        System.out.println("RESULT rows=" + CountingSink.rows() + " nanos=" + nanos);
        System.out.flush();
        System.exit(0);
    }

    /** Turns every change record into a 1. */
    static final class CountOnly implements DebeziumDeserializationSchema<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(SourceRecord record, Collector<Integer> out) {
            out.collect(1);
        }

        @Override
        public TypeInformation<Integer> getProducedType() {
            return Types.INT;
        }
    }
}
