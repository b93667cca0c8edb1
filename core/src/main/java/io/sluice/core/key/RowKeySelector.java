package io.sluice.core.key;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.java.functions.KeySelector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The key every change of one row shares: the canonical JSON array of the table and the row's key
 * values, e.g. {@code ["shop.orders",7]}. Schema changes, and rows of tables without a key, are
 * keyed by the table alone ({@code ["shop.orders"]}), so they stay in order on one subtask.
 *
 * <p>Expects key-changing updates to have been split by {@link KeyChangeSplitter}: the key is
 * taken from the current image (after, or before for a delete).
 */
@Internal
public final class RowKeySelector implements KeySelector<Event, String> {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String getKey(Event event) {
        StringWriter text = new StringWriter(64);
        try (JsonGenerator gen = JSON.createGenerator(text)) {
            gen.writeStartArray();
            gen.writeString(event.table().toString());
            if (event instanceof RowChange row) {
                TableSchema schema = row.schema();
                Object[] image = row.current();
                for (int index : schema.keyIndexes()) {
                    CanonicalJson.writeValue(gen, image[index], schema.column(index));
                }
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
