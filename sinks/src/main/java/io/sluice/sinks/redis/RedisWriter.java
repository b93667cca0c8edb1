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
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    private final RedisFence fence;
    private final DefaultJedisClientConfig.Builder config;
    private UnifiedJedis client;
    /** A pipeline failed before all its replies came back: it may still reach Redis later. */
    private boolean inDoubt;
    private final List<RedisCommand> buffer = new ArrayList<>();
    private int bufferedRecords;

    /** A writer that is the sink's only one, owned by nothing else (for tests). */
    RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers)
            throws IOException {
        this(options, metricGroup, timers, 1, UUID.randomUUID().toString());
    }

    /**
     * @param writers the sink's parallelism
     * @param owner the same for every attempt of this writer (job id and subtask), different for
     *     every other writer: it names the connections that the writer fences off
     */
    RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers, String owner) throws IOException {
        this(options, metricGroup, timers, writers, SinkMetrics.register(metricGroup),
                new RedisFence(options.name(), owner + "-" + options.name()));
    }

    private RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers, SinkMetrics metrics, RedisFence fence) throws IOException {
        // connected before the error policy opens its dead-letter file, as the writer always did
        this(options, metricGroup, timers, writers, metrics, fence,
                RedisClients.connect(options, fence.clientName(), metrics));
    }

    private RedisWriter(RedisSinkOptions options, SinkWriterMetricGroup metricGroup, ProcessingTimeService timers,
            int writers, SinkMetrics metrics, RedisFence fence, UnifiedJedis client) throws IOException {
        super(options.name(), metrics, RejectionHandler.create(options.name(), options.errorPolicy(), metrics),
                new Retrier(options.name(), options.retry(), RedisFailures::classify, metrics), timers,
                options.flushInterval(), options.truncate());
        this.options = options;
        this.emitter = new RedisEmitter(options);
        this.keys = new TargetKeyCheck(options.name(), "key", options.key(), writers);
        this.fence = fence;
        this.client = client;
        this.config = RedisClients.config(options);
        try {
            // an earlier attempt of this writer (before a restart) may have left a batch in the network
            retrier.call(0, null, () -> fence.fence(config, RedisClients.nodes(options, this.client)));
        } catch (IOException e) {
            client.close();
            throw e;
        }
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
        List<Rejection> rejected = retrier.call(bufferedRecords, null, () -> {
            if (inDoubt) {
                fenceOffInDoubtPipeline();
            }
            return send(buffer);
        });
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
        } catch (RuntimeException e) {
            inDoubt = true;
            throw e;
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

    /**
     * Replaces the client with one whose connections carry a new name and closes, on every node,
     * the connections of the old ones, so that the pipeline in doubt either has run already or
     * never will. Throws (retriably) while Redis cannot be reached; the next attempt tries again.
     */
    private void fenceOffInDoubtPipeline() {
        client.close();
        fence.renew();
        client = RedisClients.reconnect(options, config, fence.clientName());
        fence.fence(config, RedisClients.nodes(options, client));
        inDoubt = false;
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
