package io.sluice.sinks.redis;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.core.failure.FailureKind;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.sinks.common.RejectionHandler;
import io.sluice.sinks.common.Retrier;
import io.sluice.sinks.common.SinkMetrics;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
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
final class RedisWriter implements SinkWriter<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);

    private final RedisSinkOptions options;
    private final RedisEmitter emitter;
    private final UnifiedJedis client;
    private final SinkMetrics metrics;
    private final RejectionHandler rejections;
    private final Retrier retrier;
    private final ProcessingTimeService timers;
    private final long intervalNanos;
    private final List<RedisCommand> buffer = new ArrayList<>();
    private int bufferedRecords;
    private long lastFlushNanos = System.nanoTime();
    private boolean closed;

    RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers)
            throws IOException {
        this.options = options;
        this.emitter = new RedisEmitter(options);
        this.metrics = SinkMetrics.register(metricGroup);
        metrics.pendingRecords(metricGroup, () -> bufferedRecords);
        this.client = RedisClients.connect(options, metrics);
        this.rejections = RejectionHandler.create(options.name(), options.errorPolicy(), metrics);
        this.retrier = new Retrier(options.name(), options.retry(), RedisFailures::classify, metrics);
        this.timers = timers;
        this.intervalNanos = options.flushInterval().toNanos();
        scheduleTimer();
    }

    @Override
    public void write(Event event, Context context) throws IOException {
        if (!(event instanceof RowChange row)) {
            return;
        }
        int mark = buffer.size();
        try {
            emitter.emit(row, buffer);
        } catch (PermanentFailureException e) {
            buffer.subList(mark, buffer.size()).clear();
            rejections.reject(row, e.getMessage(), e);
            return;
        }
        bufferedRecords++;
        if (buffer.size() >= options.batchSize()) {
            flushBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        flushBuffer();
        rejections.flush();
    }

    private void scheduleTimer() {
        long delay = options.flushInterval().toMillis();
        timers.registerTimer(timers.getCurrentProcessingTime() + delay, time -> {
            if (closed) {
                return;
            }
            if (!buffer.isEmpty() && System.nanoTime() - lastFlushNanos >= intervalNanos) {
                flushBuffer();
            }
            scheduleTimer();
        });
    }

    private void flushBuffer() throws IOException {
        lastFlushNanos = System.nanoTime();
        if (buffer.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<Rejection> rejected = retrier.call(bufferedRecords, null, () -> send(buffer));
        Map<RowChange, Rejection> byRecord = new IdentityHashMap<>();
        for (Rejection r : rejected) {
            byRecord.putIfAbsent(r.command().record(), r);
        }
        int records = bufferedRecords;
        buffer.clear();
        bufferedRecords = 0;
        metrics.written(records - byRecord.size());
        metrics.batch((System.nanoTime() - start) / 1_000_000);
        for (Rejection r : byRecord.values()) {
            rejections.reject(r.command().record(),
                    "redis rejected " + r.command().getClass().getSimpleName().toLowerCase() + " of key '"
                            + r.command().key() + "': " + r.error().getMessage(), r.error());
        }
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
    public void close() throws Exception {
        closed = true;
        try {
            rejections.close();
        } finally {
            client.close();
        }
    }

    @VisibleForTesting
    SinkMetrics metrics() {
        return metrics;
    }

    private record Rejection(RedisCommand command, JedisDataException error) {}
}
