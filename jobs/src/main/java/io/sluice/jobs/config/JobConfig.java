package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole job file, validated: job settings, the source, and the filters, routes, joins,
 * aggregates and sinks in the order written. Read one with {@link JobFiles}.
 */
@PublicEvolving
public record JobConfig(
        JobSettings job,
        SourceConfig source,
        List<FilterConfig> filters,
        List<RouteConfig> routes,
        List<JoinConfig> joins,
        List<AggregateConfig> aggregates,
        List<SinkConfig> sinks) {

    public JobConfig {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(source, "source");
        filters = List.copyOf(filters);
        routes = List.copyOf(routes);
        joins = List.copyOf(joins);
        aggregates = List.copyOf(aggregates);
        sinks = List.copyOf(sinks);
    }

    public Optional<JoinConfig> join(String name) {
        return joins.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    public Optional<AggregateConfig> aggregate(String name) {
        return aggregates.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
