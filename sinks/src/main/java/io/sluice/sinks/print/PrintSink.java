package io.sluice.sinks.print;

import io.sluice.event.Event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes each event as one line of canonical JSON ({@link io.sluice.event.json.CanonicalJson}),
 * to stdout or appended to a file. Output is flushed on every checkpoint and on close.
 *
 * <p>To a file, the sink is exactly-once: its checkpoints record the file's length, and a writer
 * restored from a checkpoint truncates the file to that length before it appends the replayed
 * events. A file has one writer, so the sink must run with parallelism 1. To stdout, events
 * replayed after a restore are printed again (at-least-once).
 *
 * <pre>{@code
 * events.sinkTo(PrintSink.toFile("/tmp/orders.jsonl")).name("sink: print /tmp/orders.jsonl").setParallelism(1);
 * }</pre>
 */
@PublicEvolving
public final class PrintSink implements Sink<Event>, SupportsWriterState<Event, PrintFileState> {
    private static final long serialVersionUID = 1L;

    /** The file to append to; null for stdout. */
    private final String path;

    private PrintSink(String path) {
        this.path = path;
    }

    /** A sink printing to the task manager's stdout (the console for a local run). */
    public static PrintSink toStdout() {
        return new PrintSink(null);
    }

    /** A sink appending to a file, created with its parent folders when missing. */
    public static PrintSink toFile(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("the print sink's path is empty");
        }
        return new PrintSink(path);
    }

    /** The file written to; empty for stdout. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** {@code stdout} or the file's path, for operator names and logs. */
    public String target() {
        return path == null ? "stdout" : path;
    }

    /** @deprecated Flink calls {@link #createWriter(WriterInitContext)}; kept because the interface requires it. */
    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) throws IOException {
        return open(context.getNumberOfParallelSubtasks(), List.of(), new SimpleCounter());
    }

    @Override
    public StatefulSinkWriter<Event, PrintFileState> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<Event, PrintFileState> restoreWriter(
            WriterInitContext context, Collection<PrintFileState> recoveredState) throws IOException {
        return open(context.getNumberOfParallelSubtasks(), recoveredState,
                context.metricGroup().getNumRecordsSendCounter());
    }

    private PrintSinkWriter open(int parallelism, Collection<PrintFileState> restored, Counter records)
            throws IOException {
        if (path == null) {
            return PrintSinkWriter.stdout(records);
        }
        if (parallelism > 1) {
            throw new IllegalStateException("the print sink to " + path + " runs with parallelism " + parallelism
                    + "; a file has exactly one writer, so set the sink's parallelism to 1");
        }
        return PrintSinkWriter.file(Path.of(path), restored, records);
    }

    @Override
    public SimpleVersionedSerializer<PrintFileState> getWriterStateSerializer() {
        return PrintFileStateSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "PrintSink[" + target() + "]";
    }
}
