package io.sluice.sinks.print;

import io.sluice.event.Event;
import io.sluice.event.json.CanonicalJson;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * Turns events into lines and owns the output. For a file it tracks the flushed length, which is
 * the state of each checkpoint; a writer restored with that state first cuts the file back to it.
 */
final class PrintSinkWriter implements StatefulSinkWriter<Event, PrintFileState> {
    private static final Logger LOG = LoggerFactory.getLogger(PrintSinkWriter.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte NEWLINE = '\n';

    /** The absolute file path; null for stdout. */
    private final String path;
    /** The file's channel; null for stdout. */
    private final FileChannel channel;
    private final OutputStream out;
    private final Counter records;

    private PrintSinkWriter(String path, FileChannel channel, OutputStream out, Counter records) {
        this.path = path;
        this.channel = channel;
        this.out = out;
        this.records = records;
    }

    static PrintSinkWriter stdout(Counter records) {
        return new PrintSinkWriter(null, null, System.out, records);
    }

    /**
     * Opens a file for appending. When {@code restored} holds the state of the same file, the file
     * is first truncated to the checkpointed length: what follows was written after that checkpoint
     * and is about to be replayed.
     */
    static PrintSinkWriter file(Path file, Collection<PrintFileState> restored, Counter records) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        FileChannel channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            String path = absolute.toString();
            for (PrintFileState state : restored) {
                if (state.path().equals(path)) {
                    rollBack(channel, state);
                } else {
                    LOG.info("Print sink: ignoring restored state of {}; the sink now writes {}", state.path(), path);
                }
            }
            channel.position(channel.size());
            return new PrintSinkWriter(path, channel,
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES), records);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void rollBack(FileChannel channel, PrintFileState state) throws IOException {
        long size = channel.size();
        if (size > state.length()) {
            LOG.info("Print sink: truncating {} from {} to {} bytes, the length at the restored checkpoint",
                    state.path(), size, state.length());
            channel.truncate(state.length());
        } else if (size < state.length()) {
            LOG.warn("Print sink: {} has {} bytes, fewer than the {} it had at the restored checkpoint; "
                    + "was it changed outside the job? Appending to it as it is", state.path(), size, state.length());
        }
    }

    @Override
    public void write(Event event, Context context) throws IOException {
        byte[] line = CanonicalJson.toJson(event).getBytes(StandardCharsets.UTF_8);
        if (channel == null) {
            // One write per line, so lines from parallel writers never interleave on stdout.
            byte[] withNewline = new byte[line.length + 1];
            System.arraycopy(line, 0, withNewline, 0, line.length);
            withNewline[line.length] = NEWLINE;
            out.write(withNewline);
        } else {
            out.write(line);
            out.write(NEWLINE);
        }
        records.inc();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        out.flush();
        if (channel != null) {
            channel.force(false);
        }
    }

    @Override
    public List<PrintFileState> snapshotState(long checkpointId) throws IOException {
        if (channel == null) {
            return List.of();
        }
        out.flush();
        return List.of(new PrintFileState(path, channel.position()));
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            out.flush();
            return;
        }
        try (FileChannel c = channel) {
            flush(true);
        }
    }

    @VisibleForTesting
    String path() {
        return path;
    }
}
