package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;

/**
 * The value of a JSON column: valid JSON text, written into canonical JSON as the value itself
 * (not as a string).
 */
@PublicEvolving
public record JsonText(String json) implements Serializable {
    public JsonText {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
