package io.sluice.source.enumerator;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.split.BinlogSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Hands the single binlog split to the first reader that asks. The split is created once, when
 * the job starts without state; after that it lives in the reader's checkpoints and only comes
 * back here when a reader fails.
 */
@Internal
public final class BinlogSplitEnumerator implements SplitEnumerator<BinlogSplit, BinlogEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogSplitEnumerator.class);

    private final SplitEnumeratorContext<BinlogSplit> context;
    private final BinlogSourceConfig config;
    private final boolean bounded;
    private BinlogSplit unassigned;
    private boolean created;

    public BinlogSplitEnumerator(
            SplitEnumeratorContext<BinlogSplit> context, BinlogSourceConfig config, BinlogEnumeratorState state) {
        this.context = context;
        this.config = config;
        this.bounded = config.stop().isPresent();
        this.unassigned = state.unassigned();
        this.created = state.created();
    }

    @Override
    public void start() {
        if (!created) {
            unassigned = StartPositionResolver.resolve(config);
            created = true;
            LOG.info("binlog source {} starts at {}", config, unassigned.start());
        }
    }

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        if (unassigned != null) {
            context.assignSplit(unassigned, subtask);
            LOG.info("assigned {} to subtask {}", unassigned, subtask);
            unassigned = null;
        }
        if (bounded) {
            context.signalNoMoreSplits(subtask);
        }
    }

    @Override
    public void addSplitsBack(List<BinlogSplit> splits, int subtask) {
        if (!splits.isEmpty()) {
            unassigned = splits.get(0);
        }
    }

    /**
     * A reader restored with the split in its state never asks for it, so a bounded source tells it
     * here that no other split will come; otherwise it would wait forever after the stop position.
     */
    @Override
    public void addReader(int subtask) {
        if (bounded && created && unassigned == null) {
            context.signalNoMoreSplits(subtask);
        }
    }

    @Override
    public BinlogEnumeratorState snapshotState(long checkpointId) {
        return new BinlogEnumeratorState(unassigned, created);
    }

    @Override
    public void close() {}
}
