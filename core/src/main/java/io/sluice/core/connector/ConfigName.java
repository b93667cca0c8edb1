package io.sluice.core.connector;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;

/**
 * An enum constant's spelling in the job file, e.g. {@code exactly_once} or {@code dead-letter}.
 * By default the constant's name in lower case with {@code -} for {@code _}.
 */
@PublicEvolving
public interface ConfigName {

    /** The enum constant's name; enums implement it already. */
    String name();

    default String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
