package io.sluice.sinks.jdbc;

import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.io.IOException;
import java.util.Collection;

/**
 * The exactly-once JDBC sink ({@code mode: xa}): the routing and statements of {@link JdbcSink},
 * inside one XA transaction per subtask and checkpoint, prepared on the checkpoint and committed
 * when it completes. Works with MySQL/MariaDB and PostgreSQL ({@code max_prepared_transactions > 0}).
 * Readers of the target see a checkpoint's changes all at once, and never a change that a
 * restore replays.
 *
 * <p>The committer runs in a task of its own ({@link #addPreCommitTopology}): a writer whose next
 * transaction touches a row of the transaction still waiting for its commit blocks on that row's
 * lock, and a committer chained to it, on the same thread, could never commit.
 */
@PublicEvolving
public final class JdbcXaSink
        implements Sink<Event>, SupportsCommitter<XaCommittable>, SupportsWriterState<Event, XaWriterState>,
                SupportsPreCommitTopology<XaCommittable, XaCommittable> {
    private static final long serialVersionUID = 1L;

    private final JdbcSinkOptions options;

    JdbcXaSink(JdbcSinkOptions options) {
        this.options = options;
    }

    public JdbcSinkOptions options() {
        return options;
    }

    @Override
    public StatefulSinkWriter<Event, XaWriterState> createWriter(WriterInitContext context) throws IOException {
        return writer(context);
    }

    @Override
    public StatefulSinkWriter<Event, XaWriterState> restoreWriter(WriterInitContext context,
            Collection<XaWriterState> recoveredState) throws IOException {
        return writer(context);
    }

    private JdbcXaWriter writer(WriterInitContext context) throws IOException {
        return new JdbcXaWriter(options, context.metricGroup(), context.getProcessingTimeService(),
                context.getTaskInfo().getIndexOfThisSubtask(), context.getTaskInfo().getNumberOfParallelSubtasks(),
                context.getTaskInfo().getAttemptNumber(), context.getRestoredCheckpointId().orElse(0L));
    }

    /** Flink 1.20 calls {@link #createWriter(WriterInitContext)}. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) {
        throw new UnsupportedOperationException("the XA sink needs a WriterInitContext (Flink 1.19+)");
    }

    @Override
    public SimpleVersionedSerializer<XaWriterState> getWriterStateSerializer() {
        return new XaWriterState.Serializer();
    }

    @Override
    public Committer<XaCommittable> createCommitter(CommitterInitContext context) {
        return new XaCommitter(options);
    }

    @Override
    public SimpleVersionedSerializer<XaCommittable> getCommittableSerializer() {
        return new XaCommittableSerializer();
    }

    /** Breaks the chain between writer and committer (see the class comment); committables pass as they are. */
    @Override
    public DataStream<CommittableMessage<XaCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<XaCommittable>> committables) {
        return committables.forward().map(new PassCommittables()).returns(committables.getType())
                .name("XA committables").disableChaining();
    }

    @Override
    public SimpleVersionedSerializer<XaCommittable> getWriteResultSerializer() {
        return new XaCommittableSerializer();
    }

    /** The identity, as a serializable class. */
    private static final class PassCommittables
            implements MapFunction<CommittableMessage<XaCommittable>, CommittableMessage<XaCommittable>> {
        private static final long serialVersionUID = 1L;

        @Override
        public CommittableMessage<XaCommittable> map(CommittableMessage<XaCommittable> message) {
            return message;
        }
    }

    @Override
    public String toString() {
        return "JdbcXaSink" + options;
    }
}
