package io.sluice.jobs.config;

import io.sluice.transforms.expr.ExpressionKind;
import io.sluice.transforms.expr.Expressions;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;

/**
 * A further check of the job file's expressions and templates, plugged into {@link JobValidator}
 * after its own, which is the code that runs them ({@link Expressions#check}: transforms compile
 * {@code where}, group-by and measures, the sinks' template parser reads templates). A module
 * that adds functions or rules of its own checks them here.
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
