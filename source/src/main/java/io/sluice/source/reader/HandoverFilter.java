package io.sluice.source.reader;

import io.sluice.event.Op;
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
 * in. An update that moves a row to another key is judged half by half (see {@link #unseen}).
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
        /** The smallest watermark: every chunk of the table was read after it. */
        BinlogPosition first;

        Table(TableWatermarks w, Weigher weigher) {
            this.key = w.key();
            this.order = new KeyOrder(w.key(), weigher);
            for (WatermarkRange r : w.ranges()) {
                lows.add(r.low());
                watermarks.add(r.watermark());
                first = first == null || r.watermark().compareTo(first) < 0 ? r.watermark() : first;
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

    /**
     * True when the snapshot read all of {@code table} after {@code position}: a DDL there that
     * made the table appear is already in the snapshot's rows.
     */
    boolean holds(TableId table, BinlogPosition position) {
        Table t = tables.get(table);
        return t != null && position.compareTo(end) <= 0 && position.compareTo(t.first) <= 0;
    }

    /** True when some part of the change, whose resume position is {@code after}, is news. */
    boolean emit(RowChange change, BinlogPosition after) {
        return unseen(change, after) != null;
    }

    /**
     * The part of a change the snapshot does not hold yet, or null. An update that moves a row to a
     * key of another chunk is two halves judged apart: when the old key's chunk was read after the
     * update, downstream never had the old row and only the insert of the new one is news; when the
     * new key's chunk was read after it, the new row is already there and only the delete is news.
     */
    RowChange unseen(RowChange change, BinlogPosition after) {
        if (after.compareTo(end) > 0) {
            return change;
        }
        Table t = tables.get(change.source().tableId());
        if (t == null) {
            return change;
        }
        boolean beforeIsNews = change.before() == null
                || after.compareTo(t.watermarkOf(change.schema(), change.before())) > 0;
        boolean afterIsNews = change.after() == null
                || after.compareTo(t.watermarkOf(change.schema(), change.after())) > 0;
        if (change.before() == null) {
            return afterIsNews ? change : null;
        }
        if (change.after() == null) {
            return beforeIsNews ? change : null;
        }
        if (beforeIsNews && afterIsNews) {
            return change;
        }
        if (afterIsNews) {
            return change.with(Op.INSERT, null, change.after());
        }
        return beforeIsNews ? change.with(Op.DELETE, change.before(), null) : null;
    }
}
