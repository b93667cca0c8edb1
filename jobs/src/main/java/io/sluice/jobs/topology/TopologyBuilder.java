package io.sluice.jobs.topology;

import io.sluice.core.key.RowKeySelector;
import io.sluice.core.key.KeyChangeSplitter;

import io.sluice.event.Event;
import io.sluice.jobs.config.AggregateConfig;
import io.sluice.jobs.config.JobCheck;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JoinConfig;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.transforms.aggregate.Aggregate;
import io.sluice.transforms.filter.Filters;
import io.sluice.transforms.join.Join;
import io.sluice.transforms.route.Routes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the Flink job of a job file, in the order of the blocks' meaning:
 *
 * <pre>
 * binlog source (1 reader; a snapshot: the job's parallelism) -> filters -> routes -> key by (table, pk)
 *     -> per join: its tables -> split -> one keyed operator per node -> documents
 *     -> per aggregate: its from -> contributions -> key by group -> groups
 *     -> per sink: its from -> sink
 * </pre>
 *
 * Filters and routes are stateless and chained to the source, so they see the binlog's order.
 * A start mode with a snapshot reads the tables' chunks with the job's parallelism (the binlog
 * split still goes to one reader, after the snapshot): each row's snapshot record and its later
 * changes then come from different readers, and the keying after the routes brings them to one
 * subtask, where the binlog's changes follow the snapshot because the binlog split waits for a
 * checkpoint that holds the whole snapshot.
 * Everything after the keying runs with the job's parallelism. A join or aggregate reads the
 * keyed rows of its tables, or the output of the join or aggregate it names; its own output is
 * keyed by row again before anything reads it, so every change of one document or group reaches
 * a sink in order. Every operator has a readable name and a uid derived from its block's
 * identity (a join's or aggregate's name; a sink's name, or else its type, {@code from} and
 * target), never from its position in the file.
 *
 * <p>Load the job file with {@link #CHECKS} (see {@link io.sluice.jobs.config.JobFiles}) before
 * building: with the validator's own checks of expressions and templates, they report with file
 * and line what would otherwise fail when the job starts.
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

    private final JobConfig config;
    private final int parallelism;
    /** The source's readers and what is chained to them: one for the binlog, more for a snapshot. */
    private final int sourceParallelism;

    public TopologyBuilder(JobConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.parallelism = config.job().parallelism();
        this.sourceParallelism = config.source().startup().snapshotsTables() ? parallelism : 1;
    }

    /**
     * The operators {@link #build} adds, in the order they are added, as {@code sluice validate}
     * prints them: the job is built into a scratch environment (nothing runs, nothing connects)
     * and its operators are read back, so the plan is what runs.
     */
    public List<PlannedOperator> plan() {
        StreamExecutionEnvironment scratch = StreamExecutionEnvironment.createLocalEnvironment();
        Map<String, String> details = new LinkedHashMap<>();
        build(scratch, details);
        StreamGraph graph = scratch.getStreamGraph();
        List<String> order = List.copyOf(details.keySet());
        // Flink numbers sink writers last; order operators as they were added, block by block.
        return graph.getStreamNodes().stream()
                .sorted(Comparator.comparingInt((StreamNode node) -> rank(order, uid(node)))
                        .thenComparingInt(StreamNode::getId))
                .map(node -> new PlannedOperator(operatorName(node), uid(node), node.getParallelism(),
                        detail(details, order, uid(node))))
                .toList();
    }

    /**
     * Adds the job to {@code env}. Job-level settings come from {@link FlinkSettings}, given to
     * the environment when it is created.
     *
     * @throws IllegalArgumentException if the job uses something {@link #CHECKS} would have refused
     */
    public void build(StreamExecutionEnvironment env) {
        build(env, new HashMap<>());
    }

    private void build(StreamExecutionEnvironment env, Map<String, String> details) {
        env.getConfig().disableGenericTypes();
        env.setParallelism(parallelism);
        new Topology(env, details).build();
    }

    /** The name as the Flink UI shows it, without the {@code Source: } and {@code : Writer} that Flink adds. */
    private static String operatorName(StreamNode node) {
        return node.getOperatorName().replaceFirst("^Source: ", "").replaceFirst(": Writer$", "");
    }

    private static String uid(StreamNode node) {
        return Optional.ofNullable(node.getTransformationUID()).orElse("");
    }

    /**
     * The position of the uid among the registered ones, or of its longest registered prefix
     * (for the operators transforms add under a block's uid prefix); after all of them if none.
     */
    private static int rank(List<String> registered, String nodeUid) {
        // The committer of a two-phase sink (jdbc mode xa) belongs to its writer.
        String uid = nodeUid.replaceFirst("^Sink Committer: ", "");
        int best = -1;
        for (int i = 0; i < registered.size(); i++) {
            String key = registered.get(i);
            if (uid.equals(key)) {
                return i;
            }
            if (uid.startsWith(key + "-") && (best < 0 || key.length() > registered.get(best).length())) {
                best = i;
            }
        }
        return best < 0 ? registered.size() : best;
    }

    private static String detail(Map<String, String> details, List<String> registered, String uid) {
        int rank = rank(registered, uid);
        return rank < registered.size() ? details.get(registered.get(rank)) : "";
    }

    /** One build: the streams built so far and the details of their operators. */
    private final class Topology {
        private final StreamExecutionEnvironment env;
        private final Map<String, String> details;
        /** The output of each join and aggregate built so far, keyed by row. */
        private final Map<String, KeyedStream<Event, String>> outputs = new HashMap<>();
        private KeyedStream<Event, String> rows;
        /** The same changes before the keying, for readers that may take them on a forward edge. */
        private DataStream<Event> unkeyedRows;

        Topology(StreamExecutionEnvironment env, Map<String, String> details) {
            this.env = env;
            this.details = details;
        }

        void build() {
            DataStream<Event> events = source();
            events = filters(events);
            events = routes(events);
            unkeyedRows = splitKeyChanges(events);
            rows = unkeyedRows.keyBy(new RowKeySelector(), Types.STRING);
            config.joins().forEach(this::join);
            config.aggregates().forEach(this::aggregate);
            config.sinks().forEach(this::sink);
        }

        /**
         * The binlog source, with one reader: the binlog is one ordered stream; a snapshot's chunks
         * are read with the job's parallelism.
         */
        private DataStream<Event> source() {
            details.put(Uids.SOURCE, "reads the binlog of " + config.source().hostname() + ":" + config.source().port());
            return env.fromSource(BinlogSourceFactory.create(config.source()), WatermarkStrategy.noWatermarks(),
                            BinlogSourceFactory.operatorName(config.source()))
                    .uid(Uids.SOURCE)
                    .setParallelism(sourceParallelism);
        }

        /** The {@code filters} block: one stateless operator applying them in order, chained to the source. */
        private DataStream<Event> filters(DataStream<Event> events) {
            if (config.filters().isEmpty()) {
                return events;
            }
            DataStream<Event> filtered = Filters.apply(events,
                    config.filters().stream().map(TransformSpecs::filter).toList(), Uids.TRANSFORM_PREFIX);
            filtered.getTransformation().setName(TransformSpecs.filtersName(config.filters()));
            details.put(Uids.FILTERS, "keeps the changes, operations, rows and columns the filters select; an update "
                    + "that stops (starts) passing becomes a delete (insert)");
            return filtered;
        }

        /** The {@code routes} block: shards renamed to their logical table, chained to the source. */
        private DataStream<Event> routes(DataStream<Event> events) {
            if (config.routes().isEmpty()) {
                return events;
            }
            DataStream<Event> routed = Routes.apply(events,
                    config.routes().stream().map(TransformSpecs::route).toList(), Uids.TRANSFORM_PREFIX);
            routed.getTransformation().setName(TransformSpecs.routesName(config.routes()));
            details.put(Uids.ROUTES, "renames the changes of routed tables to their logical table (first match wins)");
            return routed;
        }

        /**
         * Splits updates of the key, before every change is keyed by (table, primary key) so every
         * change of one row is handled in order by one subtask.
         */
        private DataStream<Event> splitKeyChanges(DataStream<Event> events) {
            details.put(Uids.KEY_BY_ROW, "splits primary-key updates into delete + insert; routes each change by "
                    + "(table, primary key)");
            return events.flatMap(new KeyChangeSplitter())
                    .name(KEY_BY_ROW_NAME)
                    .uid(Uids.KEY_BY_ROW)
                    .setParallelism(sourceParallelism);
        }

        /** A join's documents, keyed by row. */
        private KeyedStream<Event, String> join(JoinConfig join) {
            KeyedStream<Event, String> built = outputs.get(join.name());
            if (built != null) {
                return built;
            }
            String uid = Uids.join(join.name());
            List<String> tables = TransformSpecs.joinTables(join);
            DataStream<Event> input = select(TableSelector.anyOf(tables), String.join(", ", tables), uid, parallelism);
            details.put(uid, "part of join " + join.name() + ": documents of " + join.main() + " kept in keyed "
                    + "state, re-emitted when any of " + tables + " changes");
            DataStream<Event> documents = Join.apply(input, TransformSpecs.join(join), uid);
            return output(join.name(), documents);
        }

        /** An aggregate's groups, keyed by row; builds the join or aggregate it reads first. */
        @SuppressWarnings("unchecked")
        private KeyedStream<Event, String> aggregate(AggregateConfig aggregate) {
            KeyedStream<Event, String> built = outputs.get(aggregate.name());
            if (built != null) {
                return built;
            }
            String uid = Uids.aggregate(aggregate.name());
            DataStream<Event> input = input(aggregate.from(), uid, parallelism);
            details.put(uid, "part of aggregate " + aggregate.name() + ": group-by " + aggregate.groupBy().keySet()
                    + " with " + aggregate.measures() + ", kept in keyed state; emits upserts and deletes of groups");
            // the input is keyed by row already (a table's rows, or a join's or aggregate's output)
            KeyedStream<Event, String> rowsIn = input instanceof KeyedStream<Event, ?> keyed
                    ? (KeyedStream<Event, String>) keyed
                    : DataStreamUtils.reinterpretAsKeyedStream(input, new RowKeySelector(), Types.STRING);
            DataStream<Event> groups = Aggregate.apply(rowsIn, TransformSpecs.aggregate(aggregate), uid);
            return output(aggregate.name(), groups);
        }

        private KeyedStream<Event, String> output(String name, DataStream<Event> stream) {
            KeyedStream<Event, String> keyed = stream.keyBy(new RowKeySelector(), Types.STRING);
            outputs.put(name, keyed);
            return keyed;
        }

        private void sink(SinkConfig sink) {
            int sinkParallelism = SinkOperators.parallelism(sink, parallelism);
            String uid = SinkOperators.uid(sink);
            DataStream<Event> input = input(sink.from(), uid, sinkParallelism);
            details.put(uid, sink.name().map(n -> "sink '" + n + "'").orElse("sink") + " of type " + sink.type()
                    + " reading " + sink.from());
            input.sinkTo(SinkOperators.create(sink, config.job().name()))
                    .name(SinkOperators.operatorName(sink))
                    .uid(uid)
                    .setParallelism(sinkParallelism);
        }

        /**
         * The changes a block reads: a join's or aggregate's output, or the keyed rows of the
         * tables {@code from} names, selected by an operator with uid {@code <uid>-from} that runs
         * with the reader's parallelism (so a sink's selection is chained to it).
         */
        private DataStream<Event> input(String from, String uid, int readerParallelism) {
            Optional<JoinConfig> join = config.join(from);
            if (join.isPresent()) {
                return join(join.get());
            }
            Optional<AggregateConfig> aggregate = config.aggregate(from);
            if (aggregate.isPresent()) {
                return aggregate(aggregate.get());
            }
            return select(TableSelector.of(from), from, uid, readerParallelism);
        }

        /**
         * With one reader and one selecting subtask the keying has one place to send every change:
         * the selection then takes them on a forward edge instead, chained to the source, so no
         * change is serialized on its way (the order of each row's changes is the source's either way).
         */
        private DataStream<Event> select(TableSelector selector, String what, String uid, int selectParallelism) {
            details.put(uid + "-from", "keeps the changes of " + what);
            DataStream<Event> from = sourceParallelism == 1 && selectParallelism == 1 ? unkeyedRows : rows;
            return from.filter(selector)
                    .name("from: " + what)
                    .uid(uid + "-from")
                    .setParallelism(selectParallelism);
        }
    }
}
