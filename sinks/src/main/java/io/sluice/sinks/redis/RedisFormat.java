package io.sluice.sinks.redis;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.PublicEvolving;

/** How a row is stored under its Redis key: the {@code format} key of a redis sink. */
@PublicEvolving
public enum RedisFormat implements ConfigName {
    /**
     * A hash with one field per (selected) column whose value is not NULL; the field holds the
     * value's text ({@link io.sluice.core.template.TextValues}). NULL columns have no field.
     */
    HASH,
    /** A string holding the (selected) columns as a canonical JSON object, NULLs included. */
    JSON,
    /** A string holding the text of one column ({@code value-column}); a NULL removes the key. */
    VALUE
}
