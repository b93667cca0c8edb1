package io.sluice.sinks.elasticsearch;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Elasticsearch's rules for index names, checked on each rendered {@code index} template before a
 * request goes out: a row value can then neither produce a name the cluster rejects with an
 * unclear error nor address another index through a wildcard or a path.
 */
@Internal
final class IndexNames {
    /** Characters Elasticsearch 7 refuses in an index name. */
    private static final String FORBIDDEN = "\\/*?\"<>| ,#:";
    private static final int MAX_BYTES = 255;

    private IndexNames() {}

    /** Empty when {@code name} is a valid index name; otherwise what is wrong with it. */
    static Optional<String> problem(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return Optional.of("is not an index name");
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("has upper-case letters, which index names may not hold");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
                return Optional.of("holds '" + c + "', which index names may not hold (nor any of "
                        + FORBIDDEN.replace(" ", "space") + ")");
            }
        }
        char first = name.charAt(0);
        if (first == '-' || first == '_' || first == '+') {
            return Optional.of("starts with '" + first + "', which index names may not");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("is longer than " + MAX_BYTES + " bytes");
        }
        return Optional.empty();
    }
}
