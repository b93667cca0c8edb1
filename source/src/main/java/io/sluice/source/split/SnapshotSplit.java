package io.sluice.source.split;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * One chunk of a table's snapshot: the rows whose key lies in {@code [low, high)} (null: unbounded
 * on that side). Once read, the split carries the chunk's high watermark: the binlog position its
 * rows are exact at. A finished split stays in the reader's state until the enumerator
 * acknowledged it, so the report survives a failure.
 *
 * <p>A checkpoint can fall between two rows of a chunk: the rows before it stay downstream after a
 * restore, which reads the chunk again at a later watermark. The split then carries the watermark
 * of the read whose rows went out first ({@link #emittedAt()}), and the chunk counts as read at the
 * earlier of the two: the binlog changes between them are emitted again after the snapshot, so a
 * row that an earlier read emitted and that was deleted before the later read is deleted
 * downstream too.
 */
@Internal
public final class SnapshotSplit implements SluiceSplit, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "chunk-";

    private final TableSchema schema;
    private final KeyColumns key;
    private final int index;
    private final Object[] low;
    private final Object[] high;
    private final BinlogPosition highWatermark;
    private final BinlogPosition emittedAt;

    public SnapshotSplit(
            TableSchema schema, KeyColumns key, int index, Object[] low, Object[] high, BinlogPosition highWatermark) {
        this(schema, key, index, low, high, highWatermark, null);
    }

    public SnapshotSplit(TableSchema schema, KeyColumns key, int index, Object[] low, Object[] high,
            BinlogPosition highWatermark, BinlogPosition emittedAt) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.key = Objects.requireNonNull(key, "key");
        if (index < 0) {
            throw new IllegalArgumentException("negative chunk index " + index);
        }
        this.index = index;
        this.low = low;
        this.high = high;
        this.highWatermark = highWatermark;
        this.emittedAt = emittedAt;
        if (low != null && low.length != key.size() || high != null && high.length != key.size()) {
            throw new IllegalArgumentException("chunk bounds of " + schema.id() + " do not match its key " + key.names());
        }
    }

    /** The id of chunk {@code index} of {@code table}. */
    public static String id(TableId table, int index) {
        return PREFIX + index + "-" + table;
    }

    @Override
    public String splitId() {
        return id(schema.id(), index);
    }

    public TableId table() {
        return schema.id();
    }

    public TableSchema schema() {
        return schema;
    }

    public KeyColumns key() {
        return key;
    }

    public int index() {
        return index;
    }

    /** The smallest key of the chunk, or null for the table's first chunk. */
    public Object[] low() {
        return low;
    }

    /** The first key after the chunk, or null for the table's last chunk. */
    public Object[] high() {
        return high;
    }

    /** The position the chunk's rows were exact at, once read; null before. */
    public BinlogPosition highWatermark() {
        return highWatermark;
    }

    public boolean isFinished() {
        return highWatermark != null;
    }

    /**
     * The high watermark of the earliest read of this chunk whose rows (some of them) went out
     * before a checkpoint that this split was restored from; null when none did.
     */
    public BinlogPosition emittedAt() {
        return emittedAt;
    }

    /** The unfinished chunk whose rows of a read at {@code watermark} started to go out. */
    public SnapshotSplit emitting(BinlogPosition watermark) {
        return new SnapshotSplit(schema, key, index, low, high, null, earlier(emittedAt, watermark));
    }

    /** The chunk read at {@code watermark}, or at the read whose rows went out first when that was earlier. */
    public SnapshotSplit finished(BinlogPosition watermark) {
        return new SnapshotSplit(schema, key, index, low, high,
                earlier(emittedAt, Objects.requireNonNull(watermark, "watermark")), null);
    }

    private static BinlogPosition earlier(BinlogPosition a, BinlogPosition b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotSplit s && index == s.index && schema.equals(s.schema) && key.equals(s.key)
                && Values.equal(low, s.low) && Values.equal(high, s.high)
                && Objects.equals(highWatermark, s.highWatermark) && Objects.equals(emittedAt, s.emittedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema.id(), index, highWatermark);
    }

    @Override
    public String toString() {
        return "SnapshotSplit{" + schema.id() + " #" + index + " [" + (low == null ? "-inf" : Values.toString(low))
                + ", " + (high == null ? "+inf" : Values.toString(high)) + ")"
                + (highWatermark == null ? "" : " done at " + highWatermark)
                + (emittedAt == null ? "" : ", rows of a read at " + emittedAt + " out") + "}";
    }
}
