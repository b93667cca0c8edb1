package io.sluice.jobs.config;

import io.sluice.core.table.TablePattern;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code routes}: changes of every table matching {@code from} continue as changes of
 * the logical table {@code to} (n:1 shard merge, or a rename). {@code key}, when not empty,
 * replaces the key columns; {@code shardKey} adds the source table to the key, for shards whose
 * ids overlap.
 */
@PublicEvolving
public record RouteConfig(TablePattern from, TableName to, List<String> key, boolean shardKey) {

    public RouteConfig {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        key = List.copyOf(key);
    }
}
