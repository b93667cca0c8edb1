package io.sluice.sinks.messages;

import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.json.CanonicalJson;

import java.nio.charset.StandardCharsets;

/**
 * {@code json}: the canonical JSON event, byte for byte as the print sink and Redis's json format
 * write it. (Jackson's UTF-8 generator would be about a quarter faster here, but it writes
 * characters outside the BMP as {@code \\u} escape pairs, which the canonical text does not.)
 */
final class CanonicalJsonEncoder implements MessageEncoder {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] row(RowChange row) {
        return CanonicalJson.toJson(row).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] ddl(SchemaChange change) {
        return CanonicalJson.toJson(change).getBytes(StandardCharsets.UTF_8);
    }
}
