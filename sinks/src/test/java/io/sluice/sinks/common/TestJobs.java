package io.sluice.sinks.common;

import io.sluice.core.key.KeyChangeSplitter;
import io.sluice.core.key.RowKeySelector;
import org.apache.flink.api.common.typeinfo.Types;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a list of events through a sink the way a Sluice job does: one ordered source, key changes
 * split, keyed by row, the sink at parallelism 2, with checkpoints and a restart strategy. The
 * events stay in this JVM (the MiniCluster runs here) and the source emits them by index, so a
 * restored source resumes exactly where its checkpoint was taken.
 */
public final class TestJobs {
    private static final Map<String, List<Event>> EVENTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MAX_ATTEMPT = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    public static final int SINK_PARALLELISM = 2;

    private TestJobs() {}

    /** A MiniCluster with slots for the test jobs. */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .build());
    }

    /** How a test job runs. */
    public static final class Run {
        private final String id;
        private double ratePerSecond;
        private int restartAttempts = 30;
        private Duration checkpointInterval = Duration.ofMillis(300);
        private long failOnceAt = -1;

        private Run(List<Event> events) {
            this.id = "events-" + IDS.incrementAndGet();
            EVENTS.put(id, events);
            MAX_ATTEMPT.put(id, new AtomicInteger());
        }

        /** Emits at most this many events per second (0: as fast as possible). */
        public Run rate(double perSecond) {
            this.ratePerSecond = perSecond;
            return this;
        }

        /** 0 disables restarts: the first failure fails the job. */
        public Run restarts(int attempts) {
            this.restartAttempts = attempts;
            return this;
        }

        /** The first attempt fails when it reaches the event at this index (after a checkpoint or two). */
        public Run failOnceAt(long index) {
            this.failOnceAt = index;
            return this;
        }

        public Run checkpointInterval(Duration interval) {
            this.checkpointInterval = interval;
            return this;
        }

        /** Runs the job to the end; the sink sees every event after the key changes were split. */
        public void execute(Sink<Event> sink) throws Exception {
            Configuration conf = new Configuration();
            if (restartAttempts > 0) {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
            } else {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.configure(conf);
            env.getConfig().disableGenericTypes();
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            env.enableCheckpointing(checkpointInterval.toMillis());
            env.setParallelism(SINK_PARALLELISM);
            List<Event> events = EVENTS.get(id);
            DataGeneratorSource<Event> source = new DataGeneratorSource<>(new IndexedEvents(id), events.size(),
                    ratePerSecond > 0 ? RateLimiterStrategy.perSecond(ratePerSecond) : RateLimiterStrategy.noOp(),
                    EventTypeInfo.INSTANCE);
            DataStream<Event> stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                    .setParallelism(1)
                    .map(new TrackAttempts(id, failOnceAt)).returns(EventTypeInfo.INSTANCE).setParallelism(1)
                    .flatMap(new KeyChangeSplitter()).setParallelism(1);
            stream.keyBy(new RowKeySelector(), Types.STRING).sinkTo(sink).name("sink under test");
            try {
                env.execute("sink test " + id);
            } finally {
                EVENTS.remove(id);
            }
        }

        /** The highest attempt number the pipeline reached: above 0 after a restart. */
        public int maxAttempt() {
            return MAX_ATTEMPT.get(id).get();
        }
    }

    public static Run run(List<Event> events) {
        return new Run(events);
    }

    /** Emits the registered events by index. */
    private static final class IndexedEvents implements GeneratorFunction<Long, Event> {
        private static final long serialVersionUID = 1L;
        private final String id;

        IndexedEvents(String id) {
            this.id = id;
        }

        @Override
        public Event map(Long index) {
            return EVENTS.get(id).get(index.intValue());
        }
    }

    /** Records the attempt number of the running pipeline, and fails the first attempt on request. */
    private static final class TrackAttempts extends RichMapFunction<Event, Event> {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final long failAt;
        private long seen;
        private int attempt;

        TrackAttempts(String id, long failAt) {
            this.id = id;
            this.failAt = failAt;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
            MAX_ATTEMPT.get(id).accumulateAndGet(attempt, Math::max);
        }

        @Override
        public Event map(Event event) {
            if (attempt == 0 && seen++ == failAt) {
                throw new IllegalStateException("failing the first attempt on purpose at event " + failAt);
            }
            return event;
        }
    }
}
