package io.sluice.sinks.redis;

import io.sluice.event.RowChange;
import io.sluice.core.failure.FailureKind;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.sinks.common.BatchingWriter;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;
import io.sluice.sinks.common.TargetKeyCheck;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers the commands of incoming row changes and sends them as one Redis pipeline when the
 * buffer is full, when the flush interval has passed, and on every checkpoint ({@link #flush}).
 * A pipeline that fails retriably is sent again whole (its writes are absolute, and Redis keeps
 * their order); commands Redis rejects go to the error policy. Everything runs on the task
 * thread, the interval timer included.
 */
final class RedisWriter extends BatchingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);

    private final RedisSinkOptions options;
    private final RedisEmitter emitter;
    private final TargetKeyCheck keys;
    private final UnifiedJedis client;
    private final List<RedisCommand> buffer = new ArrayList<>();
    private int bufferedRecords;

    /** A writer that is the sink's only one. */
    RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers)
            throws IOException {
        this(options, metricGroup, timers, 1);
    }

    /** @param writers the sink's parallelism */
    RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers) throws IOException {
        this(options, metricGroup, timers, writers, SinkMetrics.register(metricGroup));
    }

    private RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers, SinkMetrics metrics) throws IOException {
        // connected before the error policy opens its dead-letter file, as the writer always did
        this(options, metricGroup, timers, writers, metrics, RedisClients.connect(options, metrics));
    }

    private RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers, SinkMetrics metrics, UnifiedJedis client) throws IOException {
        super(options.name(), metrics, RejectionHandler.create(options.name(), options.errorPolicy(), metrics),
                new Retrier(options.name(), options.retry(), RedisFailures::classify, metrics), timers,
                options.flushInterval(), options.truncate());
        this.options = options;
        this.emitter = new RedisEmitter(options);
        this.keys = new TargetKeyCheck(options.name(), "key", options.key(), writers);
        this.client = client;
        metrics.pendingRecords(metricGroup, () -> bufferedRecords);
        startTimer();
    }

    @Override
    protected void buffer(RowChange row, Context context) {
        keys.check(row);
        int mark = buffer.size();
        try {
            emitter.emit(row, buffer);
        } catch (PermanentFailureException e) {
            buffer.subList(mark, buffer.size()).clear();
            throw e;
        }
        bufferedRecords++;
    }

    @Override
    protected boolean isFull() {
        return buffer.size() >= options.batchSize();
    }

    @Override
    protected boolean isEmpty() {
        return buffer.isEmpty();
    }

    @Override
    protected void sendBuffer() throws IOException {
        long start = System.nanoTime();
        List<Rejection> rejected = retrier.call(bufferedRecords, null, () -> send(buffer));
        Map<RowChange, Rejection> byRecord = new IdentityHashMap<>();
        for (Rejection r : rejected) {
            byRecord.putIfAbsent(r.command().record(), r);
        }
        int records = bufferedRecords;
        buffer.clear();
        bufferedRecords = 0;
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<RejectedRecord> refused = new ArrayList<>(byRecord.size());
        for (Rejection r : byRecord.values()) {
            refused.add(new RejectedRecord(r.command().record(),
                    "redis rejected " + r.command().getClass().getSimpleName().toLowerCase() + " of key '"
                            + r.command().key() + "': " + r.error().getMessage(), r.error()));
        }
        batchDone(records, millis, refused);
    }

    /** Sends a batch as one pipeline; returns the commands Redis rejected for good. */
    private List<Rejection> send(List<RedisCommand> batch) {
        List<Response<?>> responses = new ArrayList<>(batch.size() * 2);
        int[] ends = new int[batch.size()];
        AbstractPipeline pipeline = client.pipelined();
        try {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).queue(pipeline, responses);
                ends[i] = responses.size();
            }
            pipeline.sync();
        } finally {
            closeQuietly(pipeline);
        }
        List<Rejection> rejected = new ArrayList<>(0);
        int r = 0;
        for (int i = 0; i < batch.size(); i++) {
            for (; r < ends[i]; r++) {
                try {
                    responses.get(r).get();
                } catch (JedisDataException e) {
                    if (RedisFailures.classify(e) == FailureKind.RETRIABLE) {
                        throw e;
                    }
                    rejected.add(new Rejection(batch.get(i), e));
                }
            }
        }
        return rejected;
    }

    private static void closeQuietly(AbstractPipeline pipeline) {
        try {
            pipeline.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a failed pipeline: {}", e.toString());
        }
    }

    @Override
    protected void closeTarget() {
        client.close();
    }

    private record Rejection(RedisCommand command, JedisDataException error) {}
}
