package io.sluice.source.reader;

import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.snapshot.KeyOrder;
import io.sluice.source.snapshot.Weigher;
import io.sluice.source.split.KeyColumns;
import io.sluice.source.split.SnapshotHandover;
import io.sluice.source.split.SnapshotHandover.TableWatermarks;
import io.sluice.source.split.SnapshotHandover.WatermarkRange;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, right after a snapshot, which binlog changes the snapshot already holds: a change of a
 * snapshotted row is emitted only when it lies after the high watermark of the chunk its key falls
 * in. An update that moves a row to another key is emitted when it lies after either chunk's
 * watermark (one of its halves is then news; the other half repeats what the target already has).
 * Once the binlog passes the largest watermark, nothing is filtered.
 */
@Internal
final class HandoverFilter {
    private final BinlogPosition end;
    private final Map<TableId, Table> tables = new HashMap<>();

    /** One table's ranges: lower bounds in key order and their watermarks. */
    private static final class Table {
        final KeyColumns key;
        final KeyOrder order;
        final List<Object[]> lows = new ArrayList<>();
        final List<BinlogPosition> watermarks = new ArrayList<>();
        final Map<TableSchema, int[]> keyIndexes = new IdentityHashMap<>();

        Table(TableWatermarks w, Weigher weigher) {
            this.key = w.key();
            this.order = new KeyOrder(w.key(), weigher);
            for (WatermarkRange r : w.ranges()) {
                lows.add(r.low());
                watermarks.add(r.watermark());
            }
        }

        BinlogPosition watermarkOf(TableSchema schema, Object[] image) {
            int[] indexes = keyIndexes.computeIfAbsent(schema, s -> {
                int[] ix = new int[key.size()];
                for (int i = 0; i < ix.length; i++) {
                    ix[i] = s.indexOf(key.column(i).name());
                    if (ix[i] < 0) {
                        throw new IllegalStateException("the binlog's rows of " + s.id() + " have no key column "
                                + key.column(i).name() + " (columns " + s.columnNames() + ")");
                    }
                }
                return ix;
            });
            Object[] k = new Object[indexes.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = image[indexes[i]];
            }
            return watermarks.get(order.rangeOf(lows, k));
        }
    }

    HandoverFilter(SnapshotHandover handover, Weigher weigher) {
        this.end = handover.end();
        handover.tables().forEach((id, w) -> tables.put(id, new Table(w, weigher)));
    }

    /** The largest watermark: past it every change is emitted. */
    BinlogPosition end() {
        return end;
    }

    /** True when the change, whose resume position is {@code after}, is not in the snapshot already. */
    boolean emit(RowChange change, BinlogPosition after) {
        if (after.compareTo(end) > 0) {
            return true;
        }
        Table t = tables.get(change.source().tableId());
        if (t == null) {
            return true;
        }
        BinlogPosition threshold = null;
        if (change.before() != null) {
            threshold = t.watermarkOf(change.schema(), change.before());
        }
        if (change.after() != null) {
            BinlogPosition w = t.watermarkOf(change.schema(), change.after());
            threshold = threshold == null || w.compareTo(threshold) < 0 ? w : threshold;
        }
        return after.compareTo(threshold) > 0;
    }
}
