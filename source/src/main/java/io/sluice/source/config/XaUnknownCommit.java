package io.sluice.source.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What the source does at an {@code XA COMMIT} whose {@code XA PREPARE} (and rows) lie before
 * the position it started reading from: a transaction in flight when the job first started, or
 * while its snapshot ran. The {@code source.xa-unknown-commit} key.
 */
@PublicEvolving
public enum XaUnknownCommit implements ConfigName {
    /** Stop, naming the transaction: its rows cannot be read (the default). */
    FAIL,
    /** Log a warning naming the transaction and go on without its rows. */
    WARN
}
