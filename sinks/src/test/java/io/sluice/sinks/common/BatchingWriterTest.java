package io.sluice.sinks.common;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.core.failure.FailureKind;
import io.sluice.core.failure.PermanentFailureException;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableSchema;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The batching skeleton on a fake target: size, interval and checkpoint flushes, rejections, close. */
class BatchingWriterTest {

    private static final TableSchema USERS =
            TestRows.schema("shop", "users", List.of(bigint("id"), string("name")), "id");
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final TestWriterContext context = new TestWriterContext();
    private final AtomicLong nanos = new AtomicLong();
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();

    private FakeWriter writer(int batchSize, ErrorPolicy policy) {
        return writer(batchSize, policy, TruncatePolicy.FAIL);
    }

    private FakeWriter writer(int batchSize, ErrorPolicy policy, TruncatePolicy truncate) {
        SinkMetrics metrics = SinkMetrics.register(context.metricGroup());
        return new FakeWriter(context, metrics, RejectionHandler.withWriter("fake", policy, metrics, deadLetters),
                batchSize, nanos::get, truncate);
    }

    private static SchemaChange ddl(String sql) {
        return new SchemaChange(USERS.id(), sql, USERS,
                new SourceInfo("shop", "users", 1, "binlog.000002", 4711, null, 0, false));
    }

    @Test
    void aTruncatedTableStopsTheJobByDefaultAfterTheRowsBeforeItAreWritten() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.FAIL);
        writer.write(row(1, "a"), null);
        writer.write(row(2, "b"), null);

        assertThatThrownBy(() -> writer.write(ddl("TRUNCATE TABLE users"), null))
                .isInstanceOf(SuppressRestartsException.class)
                .cause().hasMessage("fake: shop.users was truncated at the source (TRUNCATE TABLE users, at"
                        + " binlog.000002:4711); the target still holds its rows, and this sink does not remove them"
                        + " unless told to, so the job stops here. Set truncate: ignore on the sink to keep them and go"
                        + " on, then start again from the last checkpoint");
        assertThat(writer.sentNames()).containsExactly(List.of("a", "b"));
        assertThat(writer.deleted).isEmpty();
    }

    @Test
    void aDroppedTableIsIgnoredOrDeletedAsTheSinkIsTold() throws Exception {
        FakeWriter ignoring = writer(10, ErrorPolicy.FAIL, TruncatePolicy.IGNORE);
        ignoring.write(row(1, "a"), null);
        ignoring.write(ddl("DROP TABLE IF EXISTS users, other"), null);
        ignoring.write(row(2, "b"), null);
        assertThat(ignoring.sent).isEmpty();
        assertThat(ignoring.buffered).hasSize(2);

        FakeWriter deleting = writer(10, ErrorPolicy.FAIL, TruncatePolicy.DELETE);
        deleting.write(row(1, "a"), null);
        deleting.write(ddl("drop table `users`"), null);
        assertThat(deleting.sentNames()).containsExactly(List.of("a"));
        assertThat(deleting.deleted).containsExactly("drop table `users`");
    }

    @Test
    void otherSchemaChangesAreNotForTheSink() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.FAIL);
        writer.write(row(1, "a"), null);
        writer.write(ddl("ALTER TABLE users ADD COLUMN note TEXT"), null);
        writer.write(ddl("RENAME TABLE users TO users_old"), null);
        assertThat(writer.sent).isEmpty();
        assertThat(TruncatePolicy.removal(ddl("  truncate users"))).contains("truncated");
        assertThat(TruncatePolicy.removal(ddl("drop /* gh-ost */ table if exists `users`"))).contains("dropped");
        assertThat(TruncatePolicy.removal(ddl("/* a comment */ TRUNCATE users"))).contains("truncated");
        assertThat(TruncatePolicy.removal(ddl("DROP TEMPORARY TABLE users"))).isEmpty();
        assertThat(TruncatePolicy.removal(ddl("DROP INDEX i ON users"))).isEmpty();
        assertThat(TruncatePolicy.removal(ddl("CREATE TABLE truncate_log (id INT)"))).isEmpty();
    }

    private static RowChange row(long id, String name) {
        return insert(USERS, id, name);
    }

    /** Lets {@code millis} pass on the writer's clock and fires the timers. */
    private void passes(long millis) throws Exception {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
        context.fireTimers(millis);
    }

    @Test
    void aFullBufferIsSentAtOnce() throws Exception {
        FakeWriter writer = writer(3, ErrorPolicy.LOG);
        writer.write(row(1, "a"), null);
        writer.write(row(2, "b"), null);
        assertThat(writer.sent).isEmpty();
        writer.write(row(3, "c"), null);
        assertThat(writer.sentNames()).containsExactly(List.of("a", "b", "c"));
        assertThat(writer.buffered).isEmpty();
        assertThat(writer.metrics().writtenCount()).isEqualTo(3);
    }

    @Test
    void aBufferIsSentOnceTheIntervalHasPassedSinceTheLastSend() throws Exception {
        FakeWriter writer = writer(2, ErrorPolicy.LOG);
        writer.write(row(1, "a"), null);
        passes(50);
        assertThat(writer.sent).isEmpty();
        passes(50);
        assertThat(writer.sentNames()).containsExactly(List.of("a"));

        passes(50);
        writer.write(row(2, "b"), null);
        writer.write(row(3, "c"), null); // a size flush: the interval starts again
        writer.write(row(4, "d"), null);
        passes(90);
        assertThat(writer.sentNames()).containsExactly(List.of("a"), List.of("b", "c"));
        passes(10);
        assertThat(writer.sentNames()).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
        assertThat(context.pendingTimers()).isEqualTo(1);
    }

    @Test
    void aCheckpointSendsTheBufferAndMakesTheDeadLettersDurable() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.LOG);
        writer.write(row(1, "a"), null);
        writer.flush(false);
        assertThat(writer.sentNames()).containsExactly(List.of("a"));
        assertThat(writer.awaited).isEqualTo(1);
        assertThat(deadLetters.flushes).isEqualTo(1);

        writer.flush(false);
        assertThat(writer.sent).as("an empty buffer is not sent").hasSize(1);
        assertThat(deadLetters.flushes).isEqualTo(2);
    }

    @Test
    void aRowThatCannotBeTurnedIntoRequestsGoesToTheErrorPolicy() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.deadLetterFile("unused.jsonl"));
        writer.write(row(1, "bad"), null);
        writer.write(row(2, "a"), null);
        assertThat(writer.metrics().failedCount()).isEqualTo(1);
        assertThat(deadLetters.lines).hasSize(1);
        assertThat(deadLetters.lines.get(0)).contains("\"reason\":\"no request for a bad name\"")
                .contains("\"error\":\"" + PermanentFailureException.class.getName() + "\"");
        assertThat(writer.buffered).hasSize(1);
        assertThat(writer.buffered.get(0).get("name")).isEqualTo("a");

        FakeWriter failing = writer(10, ErrorPolicy.FAIL);
        assertThatThrownBy(() -> failing.write(row(3, "bad"), null)).isInstanceOf(RejectedRecordException.class)
                .hasMessageStartingWith("fake rejected a record of ")
                .hasMessageContaining(": no request for a bad name (error-policy: fail;");
    }

    @Test
    void recordsTheTargetRejectsAreCountedAndGoToTheErrorPolicy() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.LOG);
        writer.write(row(1, "a"), null);
        writer.write(row(2, "refused"), null);
        writer.write(row(3, "c"), null);
        writer.flush(false);
        assertThat(writer.metrics().writtenCount()).isEqualTo(2);
        assertThat(writer.metrics().failedCount()).isEqualTo(1);
    }

    @Test
    void aTimerFiringWhileTheBufferIsSentDoesNotSendAgain() throws Exception {
        FakeWriter writer = writer(2, ErrorPolicy.LOG);
        writer.write(row(1, "a"), null);
        // as a timer would fire in a mailbox yield while a batch waits to be sent, the interval past
        writer.duringSend = () -> passes(INTERVAL.toMillis());
        writer.write(row(2, "b"), null);
        assertThat(writer.sentNames()).containsExactly(List.of("a", "b"));
        assertThat(writer.checks).as("only the send's own check: the nested timer just rescheduled").isEqualTo(1);
        assertThat(context.pendingTimers()).isEqualTo(1);
    }

    @Test
    void aTimerWithNothingToSendThrowsTheFailuresOfBatchesInFlight() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.LOG);
        writer.failure = new IOException("a batch in flight failed");
        assertThatThrownBy(() -> passes(100)).isInstanceOf(IOException.class).hasMessage("a batch in flight failed");
    }

    @Test
    void theTimerStopsWhenTheWriterCloses() throws Exception {
        FakeWriter writer = writer(10, ErrorPolicy.LOG);
        writer.write(row(1, "a"), null);
        writer.close();
        assertThat(deadLetters.closed).isTrue();
        assertThat(writer.targetClosed).isTrue();
        passes(1_000);
        assertThat(writer.sent).isEmpty();
        assertThat(context.pendingTimers()).isZero();
    }

    /** Something a test runs while the writer sends. */
    private interface Action {
        void run() throws Exception;
    }

    /**
     * Buffers rows in a list: a row named "bad" has no request (a permanent failure), and the
     * target rejects a row named "refused".
     */
    private static final class FakeWriter extends BatchingWriter {
        private final int batchSize;
        final List<RowChange> buffered = new ArrayList<>();
        final List<List<RowChange>> sent = new ArrayList<>();
        Action duringSend;
        IOException failure;
        int checks;
        int awaited;
        boolean targetClosed;

        final List<String> deleted = new ArrayList<>();

        FakeWriter(TestWriterContext context, SinkMetrics metrics, RejectionHandler rejections, int batchSize,
                LongSupplier nanoClock, TruncatePolicy truncate) {
            super("fake", metrics, rejections,
                    new Retrier("fake", RetryOptions.NONE, t -> FailureKind.PERMANENT, metrics), context, INTERVAL,
                    nanoClock, truncate);
            this.batchSize = batchSize;
            startTimer();
        }

        @Override
        protected void buffer(RowChange row, Context context) {
            if ("bad".equals(row.get("name"))) {
                throw new PermanentFailureException("no request for a bad name");
            }
            buffered.add(row);
        }

        @Override
        protected boolean isFull() {
            return buffered.size() >= batchSize;
        }

        @Override
        protected boolean isEmpty() {
            return buffered.isEmpty();
        }

        @Override
        protected void sendBuffer() throws IOException {
            if (duringSend != null) {
                try {
                    duringSend.run();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            List<RowChange> batch = List.copyOf(buffered);
            buffered.clear();
            sent.add(batch);
            List<RejectedRecord> rejected = new ArrayList<>();
            for (RowChange row : batch) {
                if ("refused".equals(row.get("name"))) {
                    rejected.add(new RejectedRecord(row, "the target refused it", null));
                }
            }
            batchDone(batch.size(), 1, rejected);
        }

        @Override
        protected void awaitSent() {
            awaited++;
        }

        @Override
        protected void checkFailures() throws IOException {
            checks++;
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        protected void closeTarget() {
            targetClosed = true;
        }

        @Override
        protected void deleteTable(SchemaChange change) {
            deleted.add(change.ddl());
        }

        List<List<String>> sentNames() {
            List<List<String>> names = new ArrayList<>();
            for (List<RowChange> batch : sent) {
                List<String> batchNames = new ArrayList<>();
                for (RowChange row : batch) {
                    batchNames.add(String.valueOf(row.get("name")));
                }
                names.add(batchNames);
            }
            return names;
        }
    }

    /** Dead letters kept in memory. */
    private static final class RecordingDeadLetters implements DeadLetterWriter {
        final List<String> lines = new ArrayList<>();
        int flushes;
        boolean closed;

        @Override
        public void write(String json) {
            lines.add(json);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
