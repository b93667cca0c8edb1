package io.sluice.sinks.messages;

import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;

/**
 * The message key of a row: a JSON object of its key columns in canonical JSON, e.g.
 * {@code {"id":7}} (as Debezium's key without schema), so that a row's changes share a key and
 * therefore a partition. A DDL's key is the table's qualified name.
 */
@Internal
public final class MessageKeys {
    private MessageKeys() {}

    /** The key of a row, from the given columns (indexes into the table). */
    public static byte[] of(RowChange row, int[] columns) {
        TableSchema schema = row.schema();
        Object[] image = row.current();
        return MessageJson.write(g -> {
            g.writeStartObject();
            for (int i : columns) {
                g.writeFieldName(schema.column(i).name());
                CanonicalJson.writeValue(g, image[i], schema.column(i));
            }
            g.writeEndObject();
        });
    }

    /** A DDL's key: {@code db.table}. */
    public static byte[] of(TableId table) {
        return table.toString().getBytes(StandardCharsets.UTF_8);
    }
}
