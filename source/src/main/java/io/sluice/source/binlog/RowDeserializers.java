package io.sluice.source.binlog;

import io.sluice.source.schema.DecodedTable;
import io.sluice.source.schema.RowDecoder;
import io.sluice.source.schema.SchemaTracker;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Map;

/**
 * Plugs Sluice's {@link RowDecoder} into the binlog client's row events. Rows of tables the filter
 * excludes are skipped as raw bytes, so they cost almost nothing.
 */
@Internal
final class RowDeserializers {
    private RowDeserializers() {}

    static EventDeserializer create(SchemaTracker tracker, RowDecoder decoder) {
        EventDeserializer d = new EventDeserializer(new NumberedEventHeader.Deserializer());
        d.setCompatibilityMode(
                EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY,
                EventDeserializer.CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE);
        Rows rows = new Rows(tracker, decoder);
        d.setEventDataDeserializer(EventType.WRITE_ROWS, new Write(rows));
        d.setEventDataDeserializer(EventType.EXT_WRITE_ROWS, new Write(rows).setMayContainExtraInformation(true));
        d.setEventDataDeserializer(EventType.UPDATE_ROWS, new Update(rows));
        d.setEventDataDeserializer(EventType.EXT_UPDATE_ROWS, new Update(rows).setMayContainExtraInformation(true));
        d.setEventDataDeserializer(EventType.DELETE_ROWS, new Delete(rows));
        d.setEventDataDeserializer(EventType.EXT_DELETE_ROWS, new Delete(rows).setMayContainExtraInformation(true));
        // The decoder refuses compressed transactions: no need to decompress them with the client's
        // default row decoding (which is not Sluice's) only to throw the result away.
        d.setEventDataDeserializer(EventType.TRANSACTION_PAYLOAD, in -> {
            // the client reads the inner events of what this returns: give it none
            TransactionPayloadEventData empty = new TransactionPayloadEventData();
            empty.setUncompressedEvents(new java.util.ArrayList<>());
            return empty;
        });
        return d;
    }

    /** The shared row reading of the three row event kinds. */
    private record Rows(SchemaTracker tracker, RowDecoder decoder) {
        Serializable[] read(long tableId, BitSet columns, ByteArrayInputStream in) throws IOException {
            DecodedTable table = tracker.table(tableId);
            if (table.excluded()) {
                // skip(), not fastSkip(): it leaves the event's block at 0 bytes, which ends the rows loop
                in.skip(in.available());
                return null;
            }
            return decoder.decodeRow(table, columns, in);
        }
    }

    private static final class Write extends WriteRowsEventDataDeserializer {
        private final Rows rows;

        Write(Rows rows) {
            super(Map.of());
            this.rows = rows;
        }

        @Override
        protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in) throws IOException {
            return rows.read(tableId, columns, in);
        }
    }

    private static final class Update extends UpdateRowsEventDataDeserializer {
        private final Rows rows;

        Update(Rows rows) {
            super(Map.of());
            this.rows = rows;
        }

        @Override
        protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in) throws IOException {
            return rows.read(tableId, columns, in);
        }
    }

    private static final class Delete extends DeleteRowsEventDataDeserializer {
        private final Rows rows;

        Delete(Rows rows) {
            super(Map.of());
            this.rows = rows;
        }

        @Override
        protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in) throws IOException {
            return rows.read(tableId, columns, in);
        }
    }
}
