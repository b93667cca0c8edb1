package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;

/**
 * One entry of {@code sinks}. Every sink reads {@link #from()}: a table ({@code db.table}, after
 * routing), a join name or an aggregate name. The optional {@link #name()} fixes the sink's
 * operator uid, so sinks can be reordered without losing their state in a savepoint.
 */
@PublicEvolving
public sealed interface SinkConfig
        permits PrintSinkConfig, RedisSinkConfig, ElasticsearchSinkConfig, JdbcSinkConfig {

    SinkType type();

    Optional<String> name();

    String from();

    ErrorPolicy errorPolicy();
}
