package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code elasticsearch} sink: each row or joined document goes to the index made from the
 * {@code index} template, with the id made from {@code id} (default: the key columns joined by
 * {@code _}) and optional custom {@code routing}.
 */
@PublicEvolving
public record ElasticsearchSinkConfig(
        Optional<String> name,
        String from,
        List<String> hosts,
        Optional<String> username,
        Optional<Secret> password,
        Expr index,
        Optional<Expr> id,
        Optional<Expr> routing,
        ElasticsearchWriteMode mode,
        BulkSettings bulk,
        ErrorPolicy errorPolicy)
        implements SinkConfig {

    public ElasticsearchSinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bulk, "bulk");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
    }

    @Override
    public SinkType type() {
        return SinkType.ELASTICSEARCH;
    }
}
