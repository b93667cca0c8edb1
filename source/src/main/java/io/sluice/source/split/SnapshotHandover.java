package io.sluice.source.split;

import io.sluice.event.TableId;
import io.sluice.event.Values;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the binlog split needs to take over from a finished snapshot with no gap and no repeat: per
 * snapshotted table, the high watermark of each key range (neighbouring chunks with the same
 * watermark merged into one range). Until the binlog passes {@link #end()} (the largest
 * watermark), a change of a snapshotted row is emitted only when it lies after its range's
 * watermark; the snapshot already holds the earlier ones.
 *
 * @param end the largest high watermark
 * @param tables the ranges of each snapshotted table
 */
@Internal
public record SnapshotHandover(BinlogPosition end, Map<TableId, TableWatermarks> tables) implements Serializable {

    public SnapshotHandover {
        Objects.requireNonNull(end, "end");
        tables = Map.copyOf(tables);
    }

    /**
     * Both handovers at once (either may be null): every table of both, a table in both with the
     * ranges of {@code later}, which was snapshotted after; to the larger end.
     */
    public static SnapshotHandover merge(SnapshotHandover earlier, SnapshotHandover later) {
        if (earlier == null || later == null) {
            return later == null ? earlier : later;
        }
        Map<TableId, TableWatermarks> tables = new java.util.HashMap<>(earlier.tables());
        tables.putAll(later.tables());
        BinlogPosition end = earlier.end().compareTo(later.end()) > 0 ? earlier.end() : later.end();
        return new SnapshotHandover(end, tables);
    }

    /** The ranges of one table, in key order, covering every key. */
    public record TableWatermarks(KeyColumns key, List<WatermarkRange> ranges) implements Serializable {
        public TableWatermarks {
            Objects.requireNonNull(key, "key");
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty() || ranges.get(0).low() != null || ranges.get(ranges.size() - 1).high() != null) {
                throw new IllegalArgumentException("watermark ranges must cover every key, from -inf to +inf: " + ranges);
            }
        }
    }

    /** Keys in {@code [low, high)} (null: unbounded) were read by the snapshot at {@code watermark}. */
    public record WatermarkRange(Object[] low, Object[] high, BinlogPosition watermark) implements Serializable {
        public WatermarkRange {
            Objects.requireNonNull(watermark, "watermark");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WatermarkRange r && Values.equal(low, r.low) && Values.equal(high, r.high)
                    && watermark.equals(r.watermark);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Values.hash(low), Values.hash(high), watermark);
        }

        @Override
        public String toString() {
            return "[" + (low == null ? "-inf" : Values.toString(low)) + ", "
                    + (high == null ? "+inf" : Values.toString(high)) + ") at " + watermark;
        }
    }
}
