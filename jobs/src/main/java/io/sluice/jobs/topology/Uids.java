package io.sluice.jobs.topology;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Operator uids. A uid names an operator's state in checkpoints and savepoints, so it must depend
 * on what the operator is, never on where its block sits in the file: the source, the filters,
 * the routes and the keying are one per job and have fixed uids; a join's and an aggregate's
 * come from its name; a sink's from its name, or else from a hash of its type, {@code from} and target. Adding,
 * removing or reordering blocks keeps every other uid.
 */
@Internal
final class Uids {

    static final String SOURCE = "binlog-source";
    static final String KEY_BY_ROW = "key-by-table-pk";
    /** The prefix of the filters' and routes' uids: {@code binlog-filters}, {@code binlog-routes}. */
    static final String TRANSFORM_PREFIX = "binlog";
    static final String FILTERS = TRANSFORM_PREFIX + "-filters";
    static final String ROUTES = TRANSFORM_PREFIX + "-routes";

    private Uids() {}

    /** The uid of a sink's writer; its table selection gets this plus {@code -from}. */
    static String sink(String kind, Optional<String> name, String identity) {
        return name.map(n -> "sink-" + n).orElseGet(() -> "sink-" + kind + "-" + hash(identity));
    }

    /**
     * The prefix of an aggregate's uids ({@code aggregate-<name>-from}, {@code -contributions},
     * {@code -groups}); aggregate names are unique in a job.
     */
    static String aggregate(String name) {
        return "aggregate-" + name;
    }

    /**
     * The prefix of a join's uids ({@code join-<name>-from}, {@code -split}, {@code -node-<n>});
     * join names are unique in a job.
     */
    static String join(String name) {
        return "join-" + name;
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
