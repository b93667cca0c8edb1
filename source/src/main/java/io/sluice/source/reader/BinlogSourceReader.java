package io.sluice.source.reader;

import io.sluice.event.Event;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.BinlogSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.util.Map;

/** The binlog source's reader: one fetcher thread, one binlog split at most. */
@Internal
public final class BinlogSourceReader
        extends SingleThreadMultiplexSourceReaderBase<SourceRecord, Event, BinlogSplit, BinlogSplitState> {

    public BinlogSourceReader(BinlogSourceConfig config, SourceReaderContext context) {
        this(config, context, new SourceMetrics(context.metricGroup()));
    }

    private BinlogSourceReader(BinlogSourceConfig config, SourceReaderContext context, SourceMetrics metrics) {
        super(() -> new BinlogSplitReader(config, metrics), new BinlogRecordEmitter(metrics),
                context.getConfiguration(), context);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, BinlogSplitState> finishedSplitIds) {
        // the binlog split finishes only at its stop position; the enumerator sends no more
    }

    @Override
    protected BinlogSplitState initializedState(BinlogSplit split) {
        return new BinlogSplitState(split);
    }

    @Override
    protected BinlogSplit toSplitType(String splitId, BinlogSplitState state) {
        return state.toSplit();
    }
}
