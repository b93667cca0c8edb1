package io.sluice.source.config;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** What a zero or partly zero date ({@code 0000-00-00}, {@code 2020-00-00}) becomes: the {@code source.zero-date} key. */
@PublicEvolving
public enum ZeroDatePolicy implements ConfigName {
    /** A null value (the default). */
    NULL,
    /** The server's text, e.g. {@code "0000-00-00 00:00:00"}, as a string value. */
    STRING
}
