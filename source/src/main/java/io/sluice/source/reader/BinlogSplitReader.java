package io.sluice.source.reader;

import io.sluice.source.binlog.BinlogStream;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.source.split.BinlogSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fetches batches from the {@link BinlogStream} of the split this reader holds. */
@Internal
final class BinlogSplitReader implements SplitReader<SourceRecord, BinlogSplit> {
    private static final long POLL_MILLIS = 200;

    private final BinlogSourceConfig config;
    private final SourceMetrics metrics;
    private BinlogStream stream;

    BinlogSplitReader(BinlogSourceConfig config, SourceMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public RecordsWithSplitIds<SourceRecord> fetch() throws IOException {
        if (stream == null) {
            return new RecordsBySplits<>(Map.of(), Set.of());
        }
        List<SourceRecord> batch;
        try {
            batch = stream.poll(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the binlog", e);
        }
        Map<String, Collection<SourceRecord>> records = Map.of();
        if (batch != null && !batch.isEmpty()) {
            records = Map.of(BinlogSplit.ID, batch);
            for (int i = batch.size() - 1; i >= 0; i--) {
                if (batch.get(i).event() != null) {
                    metrics.fetched(batch.get(i).event().source().timestampMs());
                    break;
                }
            }
        }
        Set<String> finished = Set.of();
        if (stream.isDone()) {
            finished = Set.of(BinlogSplit.ID);
            closeStream();
        }
        return new RecordsBySplits<>(records, finished);
    }

    @Override
    public void handleSplitsChanges(SplitsChange<BinlogSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("the binlog reader only adds splits, got " + change);
        }
        for (BinlogSplit split : change.splits()) {
            if (stream != null) {
                throw new IllegalStateException("a binlog reader got a second binlog split: " + split);
            }
            stream = new BinlogStream(config, split.start(), split.stop(), split.schemas());
            metrics.reconnectsFrom(stream::reconnects);
            metrics.position(split.start().file(), split.start().position());
            stream.start();
        }
    }

    @Override
    public void wakeUp() {
        BinlogStream s = stream;
        if (s != null) {
            s.wakeUp();
        }
    }

    @Override
    public void close() throws Exception {
        closeStream();
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stream = null;
        }
    }
}
