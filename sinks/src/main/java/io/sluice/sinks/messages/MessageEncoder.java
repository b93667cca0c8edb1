package io.sluice.sinks.messages;

import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/** Turns changes into message values of one format. Not thread-safe: one per writer. */
@Internal
public interface MessageEncoder extends Serializable {

    /** The message value for a row change. */
    byte[] row(RowChange row);

    /** The message value for a schema change (DDL). */
    byte[] ddl(SchemaChange change);

    /** The encoder of a format. */
    static MessageEncoder of(MessageFormat format, MessageOptions options) {
        return switch (format) {
            case CANAL_JSON -> new CanalJsonEncoder();
            case DEBEZIUM_JSON -> new DebeziumJsonEncoder(options);
            case JSON -> new CanonicalJsonEncoder();
        };
    }
}
