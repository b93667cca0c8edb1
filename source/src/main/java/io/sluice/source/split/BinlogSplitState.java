package io.sluice.source.split;

import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;

import org.apache.flink.annotation.Internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binlog split while it is read: always the position of the next change to emit, and the
 * schemas valid there, so a checkpoint taken between any two records resumes exactly.
 */
@Internal
public final class BinlogSplitState implements SluiceSplitState {
    private final BinlogPosition stop;
    private final Map<TableId, TableSchema> schemas;
    /** The schema of the last row: rows of one table come in runs, so most need no map lookup. */
    private TableSchema lastRemembered;
    /**
     * The position is kept as a transaction start and the counts of row events and rows done in
     * it, and made into one {@link BinlogPosition} only when asked for (a checkpoint), not per row.
     */
    private BinlogPosition base;
    private long eventsToSkip;
    private long rowsToSkip;
    private SnapshotHandover handover;
    /** XA transactions prepared and not yet committed or rolled back, by XID, in prepare order. */
    private final Map<String, List<RowChange>> preparedXa;

    public BinlogSplitState(BinlogSplit split) {
        this.stop = split.stop();
        this.schemas = new HashMap<>(split.schemas());
        advanceTo(split.start());
        this.handover = split.handover();
        this.preparedXa = new LinkedHashMap<>(split.preparedXa());
    }

    /** An XA transaction was prepared: its rows wait in the state until the binlog commits it. */
    public void xaPrepared(String xid, List<RowChange> rows) {
        preparedXa.put(xid, rows);
    }

    /** An XA transaction was committed (its rows went out) or rolled back. */
    public void xaEnded(String xid) {
        preparedXa.remove(xid);
    }

    public BinlogPosition position() {
        base = base.skipping(eventsToSkip, rowsToSkip);
        return base;
    }

    public void advanceTo(BinlogPosition next) {
        advanceTo(next, next.eventsToSkip(), next.rowsToSkip());
    }

    /** Moves to {@code base}'s transaction (or position) with these counts of row events and rows done. */
    public void advanceTo(BinlogPosition base, long eventsToSkip, long rowsToSkip) {
        this.base = base;
        this.eventsToSkip = eventsToSkip;
        this.rowsToSkip = rowsToSkip;
        if (handover != null && position().compareTo(handover.end()) >= 0) {
            // every change from here on is after every chunk's watermark
            handover = null;
        }
    }

    /** Keeps the schema a row was decoded with, when it is not the one already kept. */
    public void rememberSchema(TableSchema schema) {
        if (schema == lastRemembered) {
            return;
        }
        lastRemembered = schema;
        TableSchema previous = schemas.get(schema.id());
        if (previous != schema) {
            schemas.put(schema.id(), schema);
        }
    }

    /** A DDL changed or dropped (null) a table. */
    public void schemaChanged(TableId table, TableSchema schema) {
        lastRemembered = null;
        if (schema == null) {
            schemas.remove(table);
        } else {
            schemas.put(table, schema);
        }
    }

    public BinlogSplit toSplit() {
        return new BinlogSplit(position(), stop, schemas, handover, preparedXa);
    }
}
