package io.sluice.jobs.topology;

import io.sluice.event.Event;
import io.sluice.jobs.config.JobCheck;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.SinkConfig;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the Flink job of a job file: the binlog source (one reader), the keying of every change
 * by (table, primary key), and one branch per sink. Each block of the file has its own method, so
 * the filters, routes, joins and aggregates of later versions plug in where they belong.
 *
 * <p>Run {@link #CHECKS} with the job file (see {@link io.sluice.jobs.config.JobFiles}) before
 * building: they report what this version cannot run, with file and line.
 *
 * <pre>{@code
 * JobConfig job = JobFiles.load(file, System.getenv(), List.of(), TopologyBuilder.CHECKS);
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(job.job()));
 * new TopologyBuilder(job).build(env);
 * env.execute(job.job().name());
 * }</pre>
 */
@PublicEvolving
public final class TopologyBuilder {

    /** The name of the operator that keys every change by its row. */
    public static final String KEY_BY_ROW_NAME = "key by table+pk";

    /** The checks of what this version can run, for {@link io.sluice.jobs.config.JobFiles}. */
    public static final List<JobCheck> CHECKS = List.of(new Availability());

    private static final int SOURCE_PARALLELISM = 1;

    private final JobConfig config;

    public TopologyBuilder(JobConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The operators {@link #build} adds, in order, as {@code sluice validate} prints them. */
    public List<PlannedOperator> plan() {
        List<PlannedOperator> plan = new ArrayList<>();
        plan.add(new PlannedOperator(BinlogSourceFactory.operatorName(config.source()), Uids.SOURCE,
                SOURCE_PARALLELISM, "reads the binlog of " + config.source().hostname() + ":" + config.source().port()));
        plan.add(new PlannedOperator(KEY_BY_ROW_NAME, Uids.KEY_BY_ROW, SOURCE_PARALLELISM,
                "splits primary-key updates into delete + insert; routes each change by (table, primary key)"));
        for (SinkConfig sink : config.sinks()) {
            int parallelism = SinkFactory.parallelism(sink, config.job().parallelism());
            String uid = SinkFactory.uid(sink);
            plan.add(new PlannedOperator(selectionName(sink), uid + "-from", parallelism,
                    "keeps the changes of " + sink.from()));
            plan.add(new PlannedOperator(SinkFactory.operatorName(sink), uid, parallelism,
                    sink.name().map(n -> "sink '" + n + "'").orElse("sink") + " of type " + sink.type()));
        }
        return plan;
    }

    /**
     * Adds the job to {@code env}. Job-level settings come from {@link FlinkSettings}, given to
     * the environment when it is created.
     *
     * @throws IllegalArgumentException if the job uses something {@link #CHECKS} would have refused
     */
    public void build(StreamExecutionEnvironment env) {
        env.getConfig().disableGenericTypes();
        DataStream<Event> events = source(env);
        events = filters(events);
        events = routes(events);
        KeyedStream<Event, String> rows = keyByRow(events);
        joins(rows);
        aggregates(rows);
        sinks(rows);
    }

    /** The binlog source, with one reader: the binlog is one ordered stream. */
    DataStream<Event> source(StreamExecutionEnvironment env) {
        return env.fromSource(BinlogSourceFactory.create(config.source()), WatermarkStrategy.noWatermarks(),
                        BinlogSourceFactory.operatorName(config.source()))
                .uid(Uids.SOURCE)
                .setParallelism(SOURCE_PARALLELISM);
    }

    /** The {@code filters} block: not available yet. */
    DataStream<Event> filters(DataStream<Event> events) {
        requireNone(config.filters(), "filters");
        return events;
    }

    /** The {@code routes} block: not available yet. */
    DataStream<Event> routes(DataStream<Event> events) {
        requireNone(config.routes(), "routes");
        return events;
    }

    /**
     * Keys every change by (table, primary key), after splitting updates of the key, so every
     * change of one row is handled in order by one subtask.
     */
    KeyedStream<Event, String> keyByRow(DataStream<Event> events) {
        return events.flatMap(new KeyChangeSplitter())
                .name(KEY_BY_ROW_NAME)
                .uid(Uids.KEY_BY_ROW)
                .setParallelism(SOURCE_PARALLELISM)
                .keyBy(new RowKeySelector(), Types.STRING);
    }

    /** The {@code joins} block: not available yet. */
    void joins(KeyedStream<Event, String> rows) {
        requireNone(config.joins(), "joins");
    }

    /** The {@code aggregates} block: not available yet. */
    void aggregates(KeyedStream<Event, String> rows) {
        requireNone(config.aggregates(), "aggregates");
    }

    /** One branch per sink: the changes of its {@code from}, then the sink. */
    void sinks(KeyedStream<Event, String> rows) {
        for (SinkConfig sink : config.sinks()) {
            int parallelism = SinkFactory.parallelism(sink, config.job().parallelism());
            String uid = SinkFactory.uid(sink);
            rows.filter(TableSelector.of(sink.from()))
                    .name(selectionName(sink))
                    .uid(uid + "-from")
                    .setParallelism(parallelism)
                    .sinkTo(SinkFactory.create(sink))
                    .name(SinkFactory.operatorName(sink))
                    .uid(uid)
                    .setParallelism(parallelism);
        }
    }

    private static String selectionName(SinkConfig sink) {
        return "from: " + sink.from();
    }

    private static void requireNone(List<?> block, String name) {
        if (!block.isEmpty()) {
            throw new IllegalArgumentException(name + " " + Availability.NOT_YET.replace("is not", "are not"));
        }
    }
}
