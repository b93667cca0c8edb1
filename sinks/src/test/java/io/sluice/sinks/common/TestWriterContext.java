package io.sluice.sinks.common;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * What a writer gets from Flink, for driving a writer directly in a test: metrics, timers that fire
 * only on demand, and a mailbox of the thread that created the context (the test's "task thread").
 */
public final class TestWriterContext implements ProcessingTimeService {
    private final List<ProcessingTimeCallback> timers = new ArrayList<>();
    private final MailboxExecutor mailbox =
            new MailboxExecutorImpl(new TaskMailboxImpl(Thread.currentThread()), 0, StreamTaskActionExecutor.IMMEDIATE);
    private long now = 1_000_000;

    public SinkWriterMetricGroup metricGroup() {
        return UnregisteredMetricsGroup.createSinkWriterMetricGroup();
    }

    /** A real mailbox: other threads put mail into it, the creating thread runs it when it yields. */
    public MailboxExecutor mailboxExecutor() {
        return mailbox;
    }

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
        timers.add(target);
        return null;
    }

    /** Advances the clock and fires the timers registered so far. */
    public void fireTimers(long advanceMillis) throws Exception {
        now += advanceMillis;
        List<ProcessingTimeCallback> due = new ArrayList<>(timers);
        timers.clear();
        for (ProcessingTimeCallback callback : due) {
            callback.onProcessingTime(now);
        }
    }

    /** Timers registered and not fired yet. */
    public int pendingTimers() {
        return timers.size();
    }
}
