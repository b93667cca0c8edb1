package io.sluice.source.reader;

import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.TableId;
import io.sluice.source.binlog.BinlogStream;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.metrics.SnapshotMetrics;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.schema.DdlParser;
import io.sluice.source.server.ServerConnection;
import io.sluice.source.snapshot.ChunkReader;
import io.sluice.source.snapshot.Weigher;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Fetches for one reader: whole snapshot chunks, one per fetch (rows, then a record that carries
 * the chunk's high watermark), and batches from the {@link BinlogStream} of the binlog split, with
 * changes the snapshot already holds replaced by position-only records while the handover lasts.
 *
 * <p>With {@link BinlogSourceConfig#scanNewlyAddedTables()}, the binlog split ends just before a
 * DDL that renames a table into a captured name (its rows exist, but the binlog holds none of
 * them): the split is given back at that position with the renamed tables, which are snapshotted
 * before it continues. Read again after the snapshot, the same DDL no longer stops it, since the
 * snapshot's watermarks of those tables lie after it.
 */
@Internal
final class SluiceSplitReader implements SplitReader<SourceRecord, SluiceSplit> {
    private static final long POLL_MILLIS = 200;

    private final BinlogSourceConfig config;
    private final SourceMetrics metrics;
    private final int subtask;
    private final Deque<SnapshotSplit> chunks = new ArrayDeque<>();
    private final SnapshotMetrics snapshotMetrics;
    private ChunkReader chunkReader;
    private BinlogStream stream;
    private HandoverFilter handover;
    private ServerConnection weights;
    /** Tables the binlog split stopped for, to the source reader (this is the fetcher thread, it the task's). */
    private final Queue<TableId> appeared;

    SluiceSplitReader(BinlogSourceConfig config, SourceMetrics metrics, SnapshotMetrics snapshotMetrics, int subtask,
            Queue<TableId> appeared) {
        this.config = config;
        this.appeared = appeared;
        this.metrics = metrics;
        this.subtask = subtask;
        this.snapshotMetrics = snapshotMetrics;
    }

    @Override
    public RecordsWithSplitIds<SourceRecord> fetch() throws IOException {
        if (!chunks.isEmpty()) {
            return readChunk(chunks.poll());
        }
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
        boolean stopped = false;
        if (batch != null && !batch.isEmpty() && config.scanNewlyAddedTables()) {
            int stop = firstRenameIntoCapturedName(batch);
            if (stop >= 0) {
                batch = batch.subList(0, stop);
                stopped = true;
            }
        }
        if (batch != null && !batch.isEmpty()) {
            if (handover != null) {
                batch = filter(batch);
            }
            records = Map.of(BinlogSplit.ID, batch);
            for (int i = batch.size() - 1; i >= 0; i--) {
                if (batch.get(i).event() != null) {
                    metrics.fetched(batch.get(i).event().source().timestampMs());
                    break;
                }
            }
        }
        Set<String> finished = Set.of();
        if (stopped) {
            // the rest of the batch is read again after the new tables' snapshot
            finished = Set.of(BinlogSplit.ID);
            closeStream();
        } else if (stream.isDone()) {
            finished = Set.of(BinlogSplit.ID);
            closeStream();
        }
        return new RecordsBySplits<>(records, finished);
    }

    /**
     * The index of the first schema change of a DDL that renames a table into a captured name and
     * that the hand-over's snapshot does not hold yet, after queueing the DDL's new captured names
     * for the source reader; -1 when there is none.
     */
    private int firstRenameIntoCapturedName(List<SourceRecord> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).event() instanceof SchemaChange c && isNewByRename(c, batch.get(i).positionAfter())) {
                String ddl = c.ddl();
                for (int j = i; j < batch.size(); j++) {
                    if (batch.get(j).event() instanceof SchemaChange same && same.ddl().equals(ddl)
                            && same.source().position() == c.source().position()
                            && same.source().file().equals(c.source().file())
                            && isNewByRename(same, batch.get(j).positionAfter())
                            && !appeared.contains(same.table())) {
                        appeared.add(same.table());
                    }
                }
                return i;
            }
        }
        return -1;
    }

    private boolean isNewByRename(SchemaChange c, BinlogPosition at) {
        return c.schema() != null && DdlParser.renameTargets(c.ddl(), c.table().db()).contains(c.table())
                && (handover == null || !handover.holds(c.table(), at));
    }

    /**
     * A chunk's rows between two records with its high watermark: the first marks the start of its
     * rows (in the split's state, should a checkpoint fall between them), the last finishes it; the
     * chunk ends with this fetch.
     */
    private RecordsWithSplitIds<SourceRecord> readChunk(SnapshotSplit split) {
        if (chunkReader == null) {
            chunkReader = new ChunkReader(config, config.serverId() + subtask);
        }
        ChunkReader.Chunk chunk = chunkReader.read(split);
        if (chunk.backfilled()) {
            snapshotMetrics.backfilled();
        }
        List<SourceRecord> records = new ArrayList<>(chunk.rows().size() + 2);
        records.add(new SourceRecord(null, chunk.highWatermark()));
        for (RowChange row : chunk.rows()) {
            records.add(new SourceRecord(row, null));
        }
        records.add(new SourceRecord(null, chunk.highWatermark()));
        return new RecordsBySplits<>(Map.of(split.splitId(), records), Set.of(split.splitId()));
    }

    /** Replaces changes (or halves of key changes) the snapshot holds by what is news, or a bare position. */
    private List<SourceRecord> filter(List<SourceRecord> batch) {
        List<SourceRecord> out = new ArrayList<>(batch.size());
        for (SourceRecord r : batch) {
            BinlogPosition after = r.positionAfter();
            if (r.event() instanceof RowChange change && after != null) {
                RowChange news = handover.unseen(change, after);
                out.add(news == change ? r : new SourceRecord(news, after));
            } else {
                out.add(r);
            }
            if (after != null && after.compareTo(handover.end()) > 0) {
                handover = null;
                out.addAll(batch.subList(out.size(), batch.size()));
                break;
            }
        }
        return out;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<SluiceSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("the reader only adds splits, got " + change);
        }
        for (SluiceSplit split : change.splits()) {
            if (split instanceof SnapshotSplit chunk) {
                chunks.add(chunk);
            } else if (split instanceof BinlogSplit binlog) {
                startBinlog(binlog);
            }
        }
    }

    private void startBinlog(BinlogSplit split) {
        if (stream != null) {
            throw new IllegalStateException("a reader got a second binlog split: " + split);
        }
        if (split.handover() != null) {
            weights = new ServerConnection(config);
            handover = new HandoverFilter(split.handover(), new Weigher(weights::connection));
        }
        stream = new BinlogStream(config, split);
        metrics.reconnectsFrom(stream::reconnects);
        metrics.position(split.start().file(), split.start().position());
        stream.start();
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
        if (chunkReader != null) {
            chunkReader.close();
        }
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
        if (weights != null) {
            weights.close();
            weights = null;
        }
        handover = null;
    }
}
