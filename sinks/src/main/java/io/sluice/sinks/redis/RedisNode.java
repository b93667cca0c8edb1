package io.sluice.sinks.redis;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;

/** One {@code host:port} of a Redis Cluster. */
@PublicEvolving
public record RedisNode(String host, int port) implements Serializable {
    public RedisNode {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a cluster node needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port of cluster node " + host + " must be 1..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
