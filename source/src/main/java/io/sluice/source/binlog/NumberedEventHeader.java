package io.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.apache.flink.annotation.Internal;

import java.io.IOException;

/**
 * An event header that keeps the type's number: the binlog client maps a type it does not know
 * to {@link EventType#UNKNOWN}, and the decoder must tell MariaDB's compressed row events from
 * events that carry no change.
 */
@Internal
final class NumberedEventHeader extends EventHeaderV4 {
    private static final long serialVersionUID = 1L;

    private int typeNumber;

    /** The type byte of the event as the server wrote it. */
    int typeNumber() {
        return typeNumber;
    }

    /** Reads the v4 header (19 bytes) field by field, as the client's own header reader does. */
    static final class Deserializer implements EventHeaderDeserializer<NumberedEventHeader> {
        @Override
        public NumberedEventHeader deserialize(ByteArrayInputStream in) throws IOException {
            NumberedEventHeader h = new NumberedEventHeader();
            h.setTimestamp(in.readLong(4) * 1000L);
            h.typeNumber = in.readInteger(1);
            EventType type = EventType.byEventNumber(h.typeNumber);
            h.setEventType(type == null ? EventType.UNKNOWN : type);
            h.setServerId(in.readLong(4));
            h.setEventLength(in.readLong(4));
            h.setNextPosition(in.readLong(4));
            h.setFlags(in.readInteger(2));
            return h;
        }
    }
}
