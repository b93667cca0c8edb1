package io.sluice.sinks.common;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** What a writer gets from Flink, for driving a writer directly in a test: metrics and timers that fire only on demand. */
public final class TestWriterContext implements ProcessingTimeService {
    private final List<ProcessingTimeCallback> timers = new ArrayList<>();
    private long now = 1_000_000;

    public SinkWriterMetricGroup metricGroup() {
        return UnregisteredMetricsGroup.createSinkWriterMetricGroup();
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
}
