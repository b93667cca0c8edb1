package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * An expression or template kept as written, with the 1-based line and column of its first
 * character in the job file, so that the module that compiles it (transforms, sinks) can report
 * an error at the right place. Line 0 means the position is unknown.
 */
@PublicEvolving
public record Expr(String text, int line, int column) {

    public Expr {
        Objects.requireNonNull(text, "text");
    }

    /** An expression built in code, with no position in a file. */
    public static Expr of(String text) {
        return new Expr(text, 0, 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
