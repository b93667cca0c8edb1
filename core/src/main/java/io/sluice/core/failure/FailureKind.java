package io.sluice.core.failure;

import org.apache.flink.annotation.PublicEvolving;

/** How a failed write is handled: retried with backoff, or handed to the {@link ErrorPolicy}. */
@PublicEvolving
public enum FailureKind {
    /** Connection loss, timeouts, 429, 503, deadlocks: retried with backoff, then the job fails. */
    RETRIABLE,
    /** The target rejects this record and always will (bad data, mapping error): the error policy decides. */
    PERMANENT
}
