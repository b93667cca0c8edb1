package io.sluice.sinks.redis;

import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/**
 * Keeps Redis keys equal to source rows: each row is stored under the key its template gives
 * ({@code user:{id}}), as a hash, a canonical JSON string or one column's value; deletes remove
 * the key. Writes are pipelined and flushed on every checkpoint, so after a failure and replay
 * Redis holds the source's values (at least once, idempotent). Feed it a stream keyed by row
 * ({@link io.sluice.core.key.RowKeySelector}) so each key's changes stay in order.
 *
 * <pre>{@code
 * events.keyBy(new RowKeySelector(), Types.STRING).sinkTo(RedisSink.builder().key("user:{id}").build());
 * }</pre>
 */
@PublicEvolving
public final class RedisSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;

    private final RedisSinkOptions options;

    RedisSink(RedisSinkOptions options) {
        this.options = options;
    }

    public static RedisSinkBuilder builder() {
        return new RedisSinkBuilder();
    }

    public RedisSinkOptions options() {
        return options;
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) throws IOException {
        return new RedisWriter(options, context.metricGroup(), context.getProcessingTimeService(),
                context.getTaskInfo().getNumberOfParallelSubtasks(),
                context.getJobInfo().getJobId() + "-" + context.getTaskInfo().getIndexOfThisSubtask());
    }

    /** Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this older entry point does the same. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) throws IOException {
        return new RedisWriter(options, context.metricGroup(), context.getProcessingTimeService(),
                context.getNumberOfParallelSubtasks(), context.getJobId() + "-" + context.getSubtaskId());
    }

    @Override
    public String toString() {
        return "RedisSink" + options;
    }
}
