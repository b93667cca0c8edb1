package io.sluice.sinks.print;

import static io.sluice.sinks.print.TestEvents.insert;
import static io.sluice.sinks.print.TestEvents.insertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.metrics.SimpleCounter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class PrintSinkWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesOneLineOfCanonicalJsonPerEvent() throws Exception {
        Path file = dir.resolve("out/orders.jsonl");
        SimpleCounter records = new SimpleCounter();
        try (PrintSinkWriter writer = PrintSinkWriter.file(file, List.of(), records)) {
            writer.write(insert(1, "a"), null);
            writer.write(insert(2, "\u4e16\u754c \ud83d\ude00"), null);
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .containsExactly(insertJson(1, "a"), insertJson(2, "\u4e16\u754c \ud83d\ude00"));
        assertThat(records.getCount()).isEqualTo(2);
    }

    @Test
    void appendsToAnExistingFile() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        Files.writeString(file, "earlier\n");
        try (PrintSinkWriter writer = PrintSinkWriter.file(file, List.of(), new SimpleCounter())) {
            writer.write(insert(1, "a"), null);
        }
        assertThat(Files.readAllLines(file)).containsExactly("earlier", insertJson(1, "a"));
    }

    @Test
    void theStateIsTheFlushedLengthAtTheCheckpoint() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        PrintSinkWriter writer = PrintSinkWriter.file(file, List.of(), new SimpleCounter());
        writer.write(insert(1, "a"), null);
        writer.flush(false);
        List<PrintFileState> state = writer.snapshotState(1);

        assertThat(state).containsExactly(new PrintFileState(file.toAbsolutePath().toString(), Files.size(file)));
        assertThat(Files.readAllLines(file)).containsExactly(insertJson(1, "a"));
        writer.close();
    }

    @Test
    void aRestoreCutsOffWhatWasWrittenAfterTheCheckpoint() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        PrintSinkWriter crashed = PrintSinkWriter.file(file, List.of(), new SimpleCounter());
        crashed.write(insert(1, "a"), null);
        List<PrintFileState> checkpoint = crashed.snapshotState(1);
        crashed.write(insert(2, "b"), null);
        crashed.flush(false); // written after the checkpoint, then the job dies without closing

        try (PrintSinkWriter restored = PrintSinkWriter.file(file, checkpoint, new SimpleCounter())) {
            assertThat(Files.readAllLines(file)).containsExactly(insertJson(1, "a"));
            restored.write(insert(2, "b"), null); // the replay
        }
        assertThat(Files.readAllLines(file)).containsExactly(insertJson(1, "a"), insertJson(2, "b"));
    }

    @Test
    void stateOfAnotherFileIsIgnored() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        Files.writeString(file, "kept\n");
        List<PrintFileState> other = List.of(new PrintFileState(dir.resolve("other.jsonl").toString(), 0));
        try (PrintSinkWriter writer = PrintSinkWriter.file(file, other, new SimpleCounter())) {
            writer.write(insert(1, "a"), null);
        }
        assertThat(Files.readAllLines(file)).containsExactly("kept", insertJson(1, "a"));
    }

    @Test
    void aFileShorterThanItsCheckpointIsAppendedToAsItIs() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        Files.writeString(file, "x\n");
        List<PrintFileState> state = List.of(new PrintFileState(file.toAbsolutePath().toString(), 1000));
        try (PrintSinkWriter writer = PrintSinkWriter.file(file, state, new SimpleCounter())) {
            writer.write(insert(1, "a"), null);
        }
        assertThat(Files.readAllLines(file)).containsExactly("x", insertJson(1, "a"));
    }

    @Test
    void stdoutGetsWholeLinesAndNoState() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            PrintSinkWriter writer = PrintSinkWriter.stdout(new SimpleCounter());
            writer.write(insert(1, "a"), null);
            writer.flush(false);
            assertThat(writer.snapshotState(1)).isEmpty();
            writer.close();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(insertJson(1, "a") + "\n");
    }

    @Test
    void sinkDescribesItsTarget() {
        assertThat(PrintSink.toStdout().target()).isEqualTo("stdout");
        assertThat(PrintSink.toStdout().path()).isEmpty();
        assertThat(PrintSink.toFile("/tmp/x.jsonl").target()).isEqualTo("/tmp/x.jsonl");
        assertThatThrownBy(() -> PrintSink.toFile(" ")).hasMessage("the print sink's path is empty");
    }
}
