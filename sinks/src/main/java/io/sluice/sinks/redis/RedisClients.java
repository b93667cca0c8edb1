package io.sluice.sinks.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Opens the Jedis client for a sink: {@link JedisPooled} for one server, {@link JedisCluster}
 * for a cluster. Both are a {@link UnifiedJedis} whose {@code pipelined()} the writer uses, so
 * cluster support needs no second code path (the cluster pipeline sends each key to its node).
 */
final class RedisClients {
    private static final int CLUSTER_MAX_ATTEMPTS = 5;

    private RedisClients() {}

    static UnifiedJedis open(RedisSinkOptions options) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .ssl(options.tls());
        if (options.username() != null) {
            config.user(options.username());
        }
        if (options.password() != null) {
            config.password(options.password());
        }
        if (options.isCluster()) {
            Set<HostAndPort> nodes = new LinkedHashSet<>();
            options.cluster().forEach(n -> nodes.add(new HostAndPort(n.host(), n.port())));
            return new JedisCluster(nodes, config.build(), CLUSTER_MAX_ATTEMPTS);
        }
        return new JedisPooled(new HostAndPort(options.host(), options.port()), config.database(options.database()).build());
    }
}
