package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/** A {@code host:port} pair, e.g. one node of a Redis cluster. */
@PublicEvolving
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
