package io.sluice.sinks.jdbc;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** How rows are written: the {@code mode} key of a jdbc sink. */
@PublicEvolving
public enum JdbcWriteMode implements ConfigName {
    /** Idempotent keyed upserts and deletes, committed on every checkpoint (at least once). */
    UPSERT,
    /** The same statements inside an XA transaction per checkpoint, committed when it completes (exactly once). */
    XA
}
