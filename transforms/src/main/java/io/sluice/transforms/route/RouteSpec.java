package io.sluice.transforms.route;

import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;

/**
 * One route, mirroring {@code io.sluice.jobs.config.RouteConfig}: changes of every table matching
 * {@code from} (a Canal regex list on the physical {@code db.table}) continue as changes of the
 * logical table {@code to}; the physical table stays in the event's {@code source}.
 *
 * @param key when not empty, the key columns of the logical table (for tables without a primary
 *     key, or a different one)
 * @param shardKey adds {@code _db} and {@code _table} columns holding the physical table and
 *     appends them to the key, for shards whose ids overlap
 */
@PublicEvolving
public record RouteSpec(String from, TableId to, List<String> key, boolean shardKey) {

    /** The name of the column {@code shardKey} adds with the physical database. */
    public static final String SHARD_DB_COLUMN = "_db";
    /** The name of the column {@code shardKey} adds with the physical table. */
    public static final String SHARD_TABLE_COLUMN = "_table";

    public RouteSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** A plain n:1 merge (or rename) keeping the tables' own keys. */
    public static RouteSpec merge(String from, String to) {
        return new RouteSpec(from, TableId.parse(to), List.of(), false);
    }
}
