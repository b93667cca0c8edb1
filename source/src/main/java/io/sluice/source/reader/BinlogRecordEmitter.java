package io.sluice.source.reader;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.metrics.SourceMetrics;
import io.sluice.source.split.BinlogSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a record's event with its commit time as timestamp, then moves the split state to the
 * position after it, so a checkpoint between any two records resumes exactly.
 */
@Internal
final class BinlogRecordEmitter implements RecordEmitter<SourceRecord, Event, BinlogSplitState> {
    private final SourceMetrics metrics;

    BinlogRecordEmitter(SourceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(SourceRecord record, SourceOutput<Event> output, BinlogSplitState state) {
        Event event = record.event();
        if (event != null) {
            output.collect(event, event.source().timestampMs());
            metrics.emitted(event.source().tableId());
            if (event instanceof RowChange row) {
                state.rememberSchema(row.schema());
            } else if (event instanceof SchemaChange change) {
                state.schemaChanged(change.table(), change.schema());
            }
        }
        if (record.positionAfter() != null) {
            state.advanceTo(record.positionAfter());
            metrics.position(record.positionAfter().file(), record.positionAfter().position());
        }
    }
}
