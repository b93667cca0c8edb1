package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * One problem found in a job file: where it is (file, 1-based line and column, and the key path
 * such as {@code sinks[1].type}) and what is wrong, including what would be accepted.
 *
 * <p>{@link #toString()} is the line printed to the user: {@code shop.yaml:12: sinks[1].type:
 * unknown sink type 'redis2'; expected one of: print, redis, elasticsearch, jdbc}. A line of 0
 * means the position is unknown (a configuration built in code, or an unreadable file).
 */
@PublicEvolving
public record ConfigError(String file, int line, int column, String path, String message) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
