/**
 * Canal's routing: n:1 merges of shards into a logical table (with an optional shard key) and
 * selection of logical tables for 1:n fan-out. Entry point: {@link io.sluice.transforms.route.Routes}.
 */
package io.sluice.transforms.route;
