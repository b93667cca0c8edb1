package io.sluice.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;

import java.io.IOException;

/**
 * Reads a binlog range with a bare mysql-binlog-connector-java client whose listener only counts
 * rows: the ceiling any source built on that client can reach. It decodes rows in the same
 * compatibility mode Sluice's source uses (DESIGN.md).
 */
final class BareClientRead {
    static final long SERVER_ID = 7101;

    private final BinlogRange range;
    private String file;
    private long rows;
    private long firstRowAt = -1;
    private boolean reachedEnd;

    private BareClientRead(BinlogRange range) {
        this.range = range;
        this.file = range.startFile();
    }

    static ReadResult read(BinlogRange range) throws IOException {
        return new BareClientRead(range).run();
    }

    private ReadResult run() throws IOException {
        BinaryLogClient client = new BinaryLogClient(range.host(), range.port(), range.user(), range.password());
        client.setServerId(SERVER_ID);
        client.setKeepAlive(false);
        client.setBinlogFilename(range.startFile());
        client.setBinlogPosition(range.startPosition());
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(
                EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY,
                EventDeserializer.CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE);
        client.setEventDeserializer(deserializer);
        client.registerEventListener(event -> onEvent(client, event));
        long start = System.nanoTime();
        // connect() runs the read loop on this thread until the listener disconnects
        client.connect();
        long nanos = System.nanoTime() - start;
        if (!reachedEnd) {
            throw new IllegalStateException("the binlog connection closed before " + range.endFile() + ":"
                    + range.endPosition() + " after " + rows + " rows");
        }
        return new ReadResult(rows, nanos, firstRowAt < 0 ? -1 : firstRowAt - start);
    }

    private void onEvent(BinaryLogClient client, Event event) {
        EventHeaderV4 header = event.getHeader();
        EventData data = event.getData();
        long before = rows;
        if (header.getEventType() == EventType.ROTATE) {
            file = ((RotateEventData) data).getBinlogFilename();
        } else if (data instanceof WriteRowsEventData w) {
            rows += w.getRows().size();
        } else if (data instanceof UpdateRowsEventData u) {
            rows += u.getRows().size();
        } else if (data instanceof DeleteRowsEventData d) {
            rows += d.getRows().size();
        }
        if (before == 0 && rows > 0) {
            firstRowAt = System.nanoTime();
        }
        if (header.getEventType() != EventType.ROTATE && range.reachedEnd(file, header.getNextPosition())) {
            reachedEnd = true;
            try {
                client.disconnect();
            } catch (IOException e) {
                throw new IllegalStateException("cannot disconnect the binlog client", e);
            }
        }
    }
}
