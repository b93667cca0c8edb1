/**
 * The Redis sink: a Sink V2 writer on Jedis with pipelining ({@link io.sluice.sinks.redis.RedisSink},
 * built with {@link io.sluice.sinks.redis.RedisSinkBuilder}).
 */
package io.sluice.sinks.redis;
