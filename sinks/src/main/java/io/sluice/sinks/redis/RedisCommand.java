package io.sluice.sinks.redis;

import io.sluice.event.RowChange;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.util.List;
import java.util.Map;

/**
 * One change of one Redis key, with the row change it comes from (to name it when Redis rejects
 * it). Each write sets absolute values, so replaying a batch after a failure is harmless.
 */
sealed interface RedisCommand {

    RowChange record();

    String key();

    /** Queues the command's Redis commands on a pipeline, adding their responses to {@code out}. */
    void queue(AbstractPipeline pipeline, List<Response<?>> out);

    /** Removes the key. */
    record Delete(RowChange record, String key) implements RedisCommand {
        @Override
        public void queue(AbstractPipeline pipeline, List<Response<?>> out) {
            out.add(pipeline.del(key));
        }
    }

    /** Sets a string value, with an expiry in ms when {@code ttlMillis > 0}. */
    record SetString(RowChange record, String key, String value, long ttlMillis) implements RedisCommand {
        @Override
        public void queue(AbstractPipeline pipeline, List<Response<?>> out) {
            out.add(ttlMillis > 0 ? pipeline.set(key, value, SetParams.setParams().px(ttlMillis)) : pipeline.set(key, value));
        }
    }

    /**
     * Sets the hash fields of the non-NULL columns and removes those of NULL ones, so the hash
     * holds exactly the row's values without a moment where the key is missing.
     */
    record SetHash(RowChange record, String key, Map<String, String> fields, String[] nullFields, long ttlMillis)
            implements RedisCommand {
        @Override
        public void queue(AbstractPipeline pipeline, List<Response<?>> out) {
            if (!fields.isEmpty()) {
                out.add(pipeline.hset(key, fields));
            }
            if (nullFields.length > 0) {
                out.add(pipeline.hdel(key, nullFields));
            }
            if (ttlMillis > 0) {
                out.add(pipeline.pexpire(key, ttlMillis));
            }
        }
    }
}
