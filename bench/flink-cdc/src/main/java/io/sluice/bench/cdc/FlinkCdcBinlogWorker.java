package io.sluice.bench.cdc;

import io.sluice.bench.worker.FlinkWarmUp;
import io.sluice.bench.worker.MemoryWatch;
import io.sluice.bench.worker.ResultLine;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 1's third system: Flink CDC 3.5's MySQL source reads a binlog range from its start
 * position ({@code StartupOptions.specificOffset}) into a sink that only counts, on a local Flink
 * cluster started before the clock, parallelism 1, and prints one result line in the format of the
 * Sluice workers ({@link ResultLine}).
 *
 * <p>Flink CDC has no stop position, so the job never ends by itself: the clock runs from job
 * submission until the sink has counted the expected number of row changes (the sink notes the
 * time as it counts the last one), then the job is cancelled. The count after the cancellation is
 * what is reported, so a system that delivered more than expected shows it. Its deserializer turns
 * each data-change record (a Debezium envelope, already fully decoded into a {@code Struct} by the
 * source) into a 1: the least work a user of the source could ask of it.
 *
 * <p>Arguments: system-name warm-up-reads host port user password database table start-file
 * start-position end-file end-position expected-rows bytes (the runner's {@code BinlogRange}).
 * Warm-up reads are not supported: each read is a fresh job on a cold JVM.
 */
public final class FlinkCdcBinlogWorker {
    private static final long SERVER_ID = 7103;
    private static final Duration TIMEOUT = Duration.ofMinutes(25);


    private FlinkCdcBinlogWorker() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 14) {
            throw new IllegalArgumentException("expected 14 arguments (system, warm-up reads, then host port user"
                    + " password database table start-file start-position end-file end-position expected-rows"
                    + " bytes), got " + args.length);
        }
        String system = args[0];
        if (Integer.parseInt(args[1]) != 0) {
            throw new IllegalArgumentException("the Flink CDC worker has no warm-up reads: each job would resume"
                    + " nothing and re-read the same range; run it with --warmup 0");
        }
        CdcTable table = CdcTable.fromArgs(args, 2);
        String startFile = args[8];
        long startPosition = Long.parseLong(args[9]);
        long expected = Long.parseLong(args[12]);
        CountingSink.expect(expected);
        MemoryWatch memory = MemoryWatch.start();

        MySqlSource<Integer> source = table.sourceBuilder()
                .serverId(String.valueOf(SERVER_ID))
                .startupOptions(StartupOptions.specificOffset(startFile, startPosition))
                .deserializer(new RowChangesOnly())
                .build();

        Configuration conf = new Configuration();
        try (MiniCluster cluster = CdcTable.startCluster(conf, 1)) {
            FlinkWarmUp.ifAsked(cluster);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "flink cdc binlog").sinkTo(new CountingSink());
            JobGraph job = env.getStreamGraph().getJobGraph();

            long start = System.nanoTime();
            cluster.submitJob(job).get();
            long deadline = start + TIMEOUT.toNanos();
            while (!CountingSink.awaitExpected(100)) {
                JobStatus status = cluster.getJobStatus(job.getJobID()).get();
                if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Flink CDC job is " + status + " after " + CountingSink.rows()
                            + " of " + expected + " row changes; see the log above");
                }
            }
            long nanos = CountingSink.expectedAt() - start;
            cluster.cancelJob(job.getJobID()).get();
            cluster.requestJobResult(job.getJobID()).get();

            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("system", system);
            fields.put("rows", CountingSink.rows());
            fields.put("nanos", nanos);
            fields.put("firstRowNanos", CountingSink.firstAt() < 0 ? -1 : CountingSink.firstAt() - start);
            fields.put("peakHeap", memory.peakHeapBytes());
            fields.put("peakRss", memory.peakRssBytes());
            ResultLine.print(fields);
        }
        // the binlog client may leave non-daemon threads behind; the figures are out
        System.exit(0);
    }

    /** Emits a 1 for every insert, update or delete record; nothing for other records. */
    static final class RowChangesOnly implements DebeziumDeserializationSchema<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(SourceRecord record, Collector<Integer> out) {
            if (record.value() instanceof Struct value && value.schema().field("op") != null) {
                String op = value.getString("op");
                if ("c".equals(op) || "u".equals(op) || "d".equals(op)) {
                    out.collect(1);
                }
            }
        }

        @Override
        public TypeInformation<Integer> getProducedType() {
            return Types.INT;
        }
    }
}
