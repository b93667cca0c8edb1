package io.sluice.transforms.join;

import org.apache.flink.annotation.PublicEvolving;

/** What a join emits when a document changes; mirrors {@code io.sluice.jobs.config.JoinOutput}. */
@PublicEvolving
public enum JoinOutput {
    /** The whole document: an insert the first time, then updates with the previous document as the before image. */
    FULL,
    /** Updates carry only the key columns and the fields that changed (a field that disappeared is null). */
    PARTIAL
}
