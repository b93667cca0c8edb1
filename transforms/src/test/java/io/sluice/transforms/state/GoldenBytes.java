package io.sluice.transforms.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes written by an earlier version of a state serializer, committed under
 * {@code src/test/resources/serializer-compat}: the current serializer must read them back to the
 * same value (and, while the format is unchanged, write the same bytes). Run a test with
 * {@code -Dsluice.writeGolden=true} once to create the file of a new format version.
 */
public final class GoldenBytes {
    private GoldenBytes() {}

    public static <T> void check(String name, TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        byte[] current = out.getCopyOfBuffer();
        String resource = "/serializer-compat/" + name;
        if (Boolean.getBoolean("sluice.writeGolden")) {
            Files.write(Path.of("src/test/resources/serializer-compat", name), current);
        }
        byte[] committed;
        try (InputStream stream = GoldenBytes.class.getResourceAsStream(resource)) {
            assertThat(stream).as(resource + " (create it with -Dsluice.writeGolden=true)").isNotNull();
            committed = stream.readAllBytes();
        }
        DataInputDeserializer in = new DataInputDeserializer(committed);
        T read = serializer.deserialize(in);
        assertThat(in.available()).as("trailing bytes in " + resource).isZero();
        if (value instanceof Object[] array) {
            assertThat(io.sluice.event.Values.equal(read, array)).as("read back " + resource).isTrue();
        } else {
            assertThat(read).isEqualTo(value);
        }
        assertThat(current).as("the format of " + name + " changed: add a new version").isEqualTo(committed);
    }
}
