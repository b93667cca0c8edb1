package io.sluice.source;

import static org.assertj.core.api.Assertions.fail;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.source.config.BinlogSourceConfig;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A source job running in the background (unbounded, or bounded but watched while it runs): what
 * it emits is collected as it arrives; closing it cancels the job.
 */
final class RunningJob implements AutoCloseable {
    private final JobClient client;
    private final CloseableIterator<Event> iterator;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread drainer;
    private volatile boolean drained;

    private RunningJob(JobClient client, CloseableIterator<Event> iterator) {
        this.client = client;
        this.iterator = iterator;
        this.drainer = new Thread(this::drain, "test-collect-" + client.getJobID());
        this.drainer.setDaemon(true);
        this.drainer.start();
    }

    static RunningJob start(BinlogSourceConfig config) throws Exception {
        StreamExecutionEnvironment env = SourceTestSupport.env();
        CloseableIterator<Event> iterator = env
                .fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog")
                .collectAsync();
        return new RunningJob(env.executeAsync("sluice test job"), iterator);
    }

    private void drain() {
        try {
            while (iterator.hasNext()) {
                events.add(iterator.next());
            }
        } catch (RuntimeException e) {
            // the job failed or was cancelled: awaitFailure() reports why
        } finally {
            drained = true;
        }
    }

    /** Everything emitted so far. */
    List<Event> events() {
        return List.copyOf(events);
    }

    List<RowChange> rows() {
        return SourceTestSupport.rows(events());
    }

    /** Waits until the rows emitted so far satisfy {@code condition}; false on timeout. */
    boolean awaitRows(Predicate<List<RowChange>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(rows())) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.test(rows());
    }

    /** Waits until the job ended by itself and every result was read (a bounded job). */
    void awaitFinished(Duration timeout) throws Exception {
        client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        drainer.join(timeout.toMillis());
        if (!drained) {
            fail("the job finished but its results were not all read within " + timeout);
        }
    }

    /** Waits for the job to fail and returns why. */
    Throwable awaitFailure(Duration timeout) throws Exception {
        try {
            client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("the job did not fail within " + timeout + "; it emitted " + events.size() + " events");
        }
        return fail("the job finished without failing; it emitted " + events.size() + " events");
    }

    @Override
    public void close() throws Exception {
        try {
            iterator.close(); // cancels the job when it still runs
        } finally {
            try {
                client.cancel().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | IllegalStateException alreadyOver) {
                // finished, failed or cancelled already
            }
            drainer.join(10_000);
        }
    }
}
