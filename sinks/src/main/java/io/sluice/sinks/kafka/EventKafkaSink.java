package io.sluice.sinks.kafka;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Flink's {@link KafkaSink} for Sluice's events: its writer, state, transactions and committer,
 * with each event handed over as its records (a delete followed by its tombstone when the sink
 * sends tombstones), and the record serializer's resources closed with the writer.
 */
@Internal
public final class EventKafkaSink<S, C> implements TwoPhaseCommittingStatefulSink<Event, S, C> {
    private static final long serialVersionUID = 1L;

    private final TwoPhaseCommittingStatefulSink<KafkaMessage, S, C> sink;
    private final EventRecordSerializer serializer;
    private final boolean tombstones;

    // S and C are the connector's writer state and committable, which it keeps package-private
    private EventKafkaSink(TwoPhaseCommittingStatefulSink<KafkaMessage, S, C> sink, EventRecordSerializer serializer,
            boolean tombstones) {
        this.sink = sink;
        this.serializer = serializer;
        this.tombstones = tombstones;
    }

    /** @param serializer the record serializer {@code sink} was built with */
    static <S, C> EventKafkaSink<S, C> of(TwoPhaseCommittingStatefulSink<KafkaMessage, S, C> sink,
            EventRecordSerializer serializer, boolean tombstones) {
        return new EventKafkaSink<>(sink, serializer, tombstones);
    }

    @Override
    public PrecommittingStatefulSinkWriter<Event, S, C> createWriter(InitContext context)
            throws IOException {
        return new Writer(sink.createWriter(context));
    }

    @Override
    public PrecommittingStatefulSinkWriter<Event, S, C> restoreWriter(
            InitContext context, Collection<S> states) throws IOException {
        return new Writer(sink.restoreWriter(context, states));
    }

    @Override
    public Committer<C> createCommitter() throws IOException {
        return sink.createCommitter();
    }

    @Override
    public SimpleVersionedSerializer<C> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<S> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public String toString() {
        return "KafkaSink[" + serializer.options().name() + " -> " + serializer.options().topic() + "]";
    }

    /** Hands each event to Flink's Kafka writer as its records. */
    private final class Writer implements PrecommittingStatefulSinkWriter<Event, S, C> {
        private final PrecommittingStatefulSinkWriter<KafkaMessage, S, C> writer;

        Writer(PrecommittingStatefulSinkWriter<KafkaMessage, S, C> writer) {
            this.writer = writer;
        }

        @Override
        public void write(Event event, Context context) throws IOException, InterruptedException {
            writer.write(new KafkaMessage(event, false), context);
            if (tombstones && event instanceof RowChange row && row.op() == Op.DELETE) {
                writer.write(new KafkaMessage(event, true), context);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        @Override
        public Collection<C> prepareCommit() throws IOException, InterruptedException {
            return writer.prepareCommit();
        }

        @Override
        public List<S> snapshotState(long checkpointId) throws IOException {
            return writer.snapshotState(checkpointId);
        }

        @Override
        public void close() throws Exception {
            try {
                writer.close();
            } finally {
                serializer.close();
            }
        }
    }
}
