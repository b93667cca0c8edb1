package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;

/**
 * A check of one expression of a job file, plugged into {@link JobValidator} by the module that
 * will evaluate it (the transforms module compiles {@code where}, group-by and measures).
 */
@PublicEvolving
@FunctionalInterface
public interface ExpressionChecker {

    /**
     * Checks an expression.
     *
     * @return empty when the expression is fine; otherwise what is wrong and what would be
     *     accepted, as one sentence without the file position (the validator adds it). A
     *     message may start with the position inside the expression, {@code at column 7: ...}
     *     (1-based): the validator then reports the problem at that column of the file.
     */
    Optional<String> check(String expression, ExpressionKind kind);
}
