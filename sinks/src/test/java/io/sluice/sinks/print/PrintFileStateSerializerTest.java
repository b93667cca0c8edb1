package io.sluice.sinks.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

class PrintFileStateSerializerTest {

    private static final PrintFileStateSerializer SERIALIZER = PrintFileStateSerializer.INSTANCE;

    /** {@code new PrintFileState("/tmp/a.jsonl", 300)} as written by version 1; never change these bytes. */
    private static final byte[] V1 = {
        0, 12, '/', 't', 'm', 'p', '/', 'a', '.', 'j', 's', 'o', 'n', 'l', 0, 0, 0, 0, 0, 0, 1, 44
    };

    @Test
    void roundTrips() throws IOException {
        PrintFileState state = new PrintFileState("/var/sluice/\u00e9t\u00e9.jsonl", 123_456_789_012L);
        assertThat(SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state))).isEqualTo(state);
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        assertThat(SERIALIZER.deserialize(PrintFileStateSerializer.VERSION_1, V1))
                .isEqualTo(new PrintFileState("/tmp/a.jsonl", 300));
        assertThat(SERIALIZER.serialize(new PrintFileState("/tmp/a.jsonl", 300))).isEqualTo(V1);
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThatThrownBy(() -> SERIALIZER.deserialize(2, V1))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown print sink state version 2; this build reads versions up to 1");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] longer = Arrays.copyOf(V1, V1.length + 1);
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessage("1 unexpected trailing bytes in print sink state v1");
    }
}
