package io.sluice.source.reader;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.source.split.BinlogSplitState;
import io.sluice.source.split.SluiceSplitState;
import io.sluice.source.split.SnapshotSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a record's event with its time as timestamp, then moves the split's state past it: a
 * binlog split to the position after it, so a checkpoint between any two records resumes exactly;
 * a snapshot chunk to finished, with its high watermark, once its last row is out.
 */
@Internal
final class SluiceRecordEmitter implements RecordEmitter<SourceRecord, Event, SluiceSplitState> {
    private final SourceMetrics metrics;

    SluiceRecordEmitter(SourceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(SourceRecord record, SourceOutput<Event> output, SluiceSplitState splitState) {
        Event event = record.event();
        if (event != null) {
            output.collect(event, event.source().timestampMs());
            metrics.emitted(event.source());
        }
        if (splitState instanceof BinlogSplitState state) {
            if (event instanceof RowChange row) {
                state.rememberSchema(row.schema());
            } else if (event instanceof SchemaChange change) {
                state.schemaChanged(change.table(), change.schema());
            }
            SourceRecord.XaMark xa = record.xa();
            if (xa != null && xa.rows() != null) {
                state.xaPrepared(xa.xid(), xa.rows());
            } else if (xa != null) {
                state.xaEnded(xa.xid());
            }
            if (record.movesPosition()) {
                state.advanceTo(record.base(), record.eventsToSkip(), record.rowsToSkip());
                metrics.position(record.base().file(), record.base().position());
            }
        } else if (splitState instanceof SnapshotSplitState state) {
            if (event != null) {
                state.rowEmitted();
            } else if (record.positionAfter() != null && !state.isEmitting()) {
                state.emitting(record.positionAfter());
            } else if (record.positionAfter() != null) {
                state.finish(record.positionAfter());
            }
        }
    }
}
