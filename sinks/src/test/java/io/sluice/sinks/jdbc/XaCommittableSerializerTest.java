package io.sluice.sinks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;

class XaCommittableSerializerTest {
    private final XaCommittableSerializer serializer = new XaCommittableSerializer();

    /** {@code XaCommittable.of("report", 42, 1, 0)} as version 1 wrote it. */
    private static final String VERSION_1_BYTES =
            "534c554300000016736c756963652d63383463353533342d34322d312d300000000162";

    @Test
    void roundTrip() throws IOException {
        XaCommittable xid = XaCommittable.of("report", 42, 1, 0);
        byte[] bytes = serializer.serialize(xid);
        assertThat(serializer.deserialize(XaCommittableSerializer.VERSION_1, bytes)).isEqualTo(xid);
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        XaCommittable xid = serializer.deserialize(1, HexFormat.of().parseHex(VERSION_1_BYTES));
        assertThat(xid).isEqualTo(XaCommittable.of("report", 42, 1, 0));
        assertThat(xid.toString()).isEqualTo("sluice-c84c5534-42-1-0");
        assertThat(XaCommittable.parse(xid, "report")).isEqualTo(new XaCommittable.Parsed(42, 1));
        assertThat(XaCommittable.parse(xid, "other")).isNull();
    }

    @Test
    void rejectsUnknownVersionsAndTrailingBytes() {
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
                .hasMessage("unknown XA committable version 2; this build reads version 1");
        assertThatThrownBy(() -> serializer.deserialize(1, HexFormat.of().parseHex(VERSION_1_BYTES + "00")))
                .hasMessage("1 unexpected trailing bytes in an XA committable");
    }
}
