package io.sluice.source.enumerator;

import io.sluice.source.split.BinlogSplitSerializerCompatibilityTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads enumerator state bytes written by every released {@link BinlogEnumeratorStateSerializer}
 * version, committed under {@code src/test/resources/serializer-compat/}; the split inside is the
 * one {@link BinlogSplitSerializerCompatibilityTest} describes. See that class for how to write the
 * files of a new version (never rewrite old ones).
 */
class BinlogEnumeratorStateSerializerCompatibilityTest {
    private static final String UNASSIGNED_V1 = "enumerator-state-unassigned-v1.bin";
    private static final String ASSIGNED_V1 = "enumerator-state-assigned-v1.bin";

    private final BinlogEnumeratorStateSerializer serializer = new BinlogEnumeratorStateSerializer();

    @Test
    void readsVersion1WithUnassignedSplit() throws IOException {
        BinlogEnumeratorState state = serializer.deserialize(
                BinlogEnumeratorStateSerializer.VERSION_1, BinlogSplitSerializerCompatibilityTest.read(UNASSIGNED_V1));

        assertThat(state.created()).isTrue();
        BinlogSplitSerializerCompatibilityTest.assertVersion1Split(state.unassigned());
    }

    @Test
    void readsVersion1OnceAssigned() throws IOException {
        BinlogEnumeratorState state = serializer.deserialize(
                BinlogEnumeratorStateSerializer.VERSION_1, BinlogSplitSerializerCompatibilityTest.read(ASSIGNED_V1));

        assertThat(state.created()).isTrue();
        assertThat(state.unassigned()).isNull();
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.writeCompatBytes", matches = "true")
    void writeCurrentVersion() throws IOException {
        assertThat(BinlogEnumeratorStateSerializer.CURRENT_VERSION)
                .as("add the literal state of the new version before writing its file")
                .isEqualTo(BinlogEnumeratorStateSerializer.VERSION_1);
        BinlogSplitSerializerCompatibilityTest.write(UNASSIGNED_V1,
                serializer.serialize(new BinlogEnumeratorState(BinlogSplitSerializerCompatibilityTest.splitV1(), true)));
        BinlogSplitSerializerCompatibilityTest.write(ASSIGNED_V1, serializer.serialize(new BinlogEnumeratorState(null, true)));
    }
}
