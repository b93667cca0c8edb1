package io.sluice.core.template;

import io.sluice.event.Column;
import io.sluice.event.json.CanonicalJson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Column values as plain text, for keys, ids, table names and Redis fields: the canonical JSON
 * text of the value, with JSON strings unquoted ({@code alice}, {@code 123.4500},
 * {@code 2020-07-17T18:00:22}); arrays, objects and numbers stay as their JSON text.
 */
@Internal
public final class TextValues {
    private static final JsonFactory FACTORY = new JsonFactory();

    private TextValues() {}

    /** The text of a non-null value; {@code column} (may be null) gives temporal precision. */
    public static String text(Object value, Column column) {
        String scalar = CanonicalJson.scalarText(value, column);
        if (scalar != null) {
            return scalar;
        }
        String json = CanonicalJson.valueToJson(value, column);
        return json.startsWith("\"") ? unquote(json) : json;
    }

    private static String unquote(String jsonString) {
        try (JsonParser parser = FACTORY.createParser(jsonString)) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
