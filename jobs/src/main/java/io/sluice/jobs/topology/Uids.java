package io.sluice.jobs.topology;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Operator uids. A uid names an operator's state in checkpoints and savepoints, so it must depend
 * on what the operator is, never on where its block sits in the file: the source and the keying
 * are one per job and have fixed uids; a sink's uid comes from its name, or else from a hash of
 * its type, {@code from} and target. Adding, removing or reordering sinks keeps every other uid.
 */
@Internal
final class Uids {

    static final String SOURCE = "binlog-source";
    static final String KEY_BY_ROW = "key-by-table-pk";

    private Uids() {}

    /** The uid of a sink's writer; its table selection gets this plus {@code -from}. */
    static String sink(String kind, Optional<String> name, String identity) {
        return name.map(n -> "sink-" + n).orElseGet(() -> "sink-" + kind + "-" + hash(identity));
    }

    /** The first 16 hex digits of the SHA-256 of {@code identity}. */
    static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
