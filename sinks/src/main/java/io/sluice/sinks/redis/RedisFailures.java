package io.sluice.sinks.redis;

import io.sluice.core.failure.FailureKind;

import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

import java.io.IOException;
import java.util.List;

/**
 * Classifies Redis failures. Retriable: a lost or refused connection, a timeout, a cluster in
 * failover or resharding (MOVED, ASK, TRYAGAIN, CLUSTERDOWN), a server still loading, busy,
 * read-only, or out of memory. Everything else Redis answers about one command (WRONGTYPE, an
 * invalid argument) is permanent for that record.
 */
final class RedisFailures {
    private static final List<String> RETRIABLE_ERRORS =
            List.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN", "READONLY", "OOM", "NOREPLICAS",
                    "MOVED", "ASK");

    private RedisFailures() {}

    static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JedisConnectionException || t instanceof JedisClusterOperationException
                    || t instanceof JedisRedirectionException || t instanceof JedisBusyException
                    || t instanceof IOException) {
                return FailureKind.RETRIABLE;
            }
            if (t instanceof JedisDataException && t.getMessage() != null) {
                String message = t.getMessage();
                for (String prefix : RETRIABLE_ERRORS) {
                    if (message.startsWith(prefix)) {
                        return FailureKind.RETRIABLE;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureKind.PERMANENT;
    }
}
