package io.sluice.core.connector;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a connector reports what is wrong with its keys; the job reader adds the file, line and
 * path ({@code shop.yaml:11: sinks[0].cluster: ...}).
 */
@PublicEvolving
public interface OptionErrors {

    /** A problem with one key's value, or with the keys it goes with. */
    void error(ConfigOption<?> option, String message);

    /** A key that must be given in this combination of keys; {@code expected} says what it holds. */
    void missing(ConfigOption<?> option, String expected);
}
