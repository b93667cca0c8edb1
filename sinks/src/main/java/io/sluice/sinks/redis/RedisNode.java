package io.sluice.sinks.redis;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

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

    /** A {@code host:port} ({@code [v6]:port} too); empty when it is not one. */
    public static Optional<RedisNode> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = text.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1).trim());
            return port >= 1 && port <= 65535 && !host.isEmpty() ? Optional.of(new RedisNode(host, port))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
