package io.sluice.sinks.elasticsearch;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The validated settings of an {@link ElasticsearchSink}, built by
 * {@link ElasticsearchSinkBuilder}. The first fields mirror the job file's elasticsearch sink keys
 * one to one; {@code retry} and {@code timeout} are tuning with defaults.
 *
 * @param hosts URLs such as {@code http://127.0.0.1:9200}
 * @param username user for basic authentication, or null
 * @param password password, or null; never printed
 * @param index the index template: {@code orders}, {@code orders_{region}}, {@code orders-{created_at:yyyy.MM}}
 * @param id the {@code _id} template, or null for the key values joined by {@code _}
 * @param routing the routing template, or null for Elasticsearch's default (the id)
 * @param timeout the bulk request's {@code timeout}: how long Elasticsearch waits for an
 *     unavailable shard before it answers 503
 */
@PublicEvolving
public record ElasticsearchSinkOptions(
        String name,
        List<String> hosts,
        String username,
        String password,
        Template index,
        Template id,
        Template routing,
        ElasticsearchWriteMode mode,
        BulkOptions bulk,
        ErrorPolicy errorPolicy,
        TruncatePolicy truncate,
        RetryOptions retry,
        Duration timeout)
        implements Serializable {

    public ElasticsearchSinkOptions {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String toString() {
        return "ElasticsearchSinkOptions[name=" + name + ", hosts=" + hosts + ", username=" + username + ", password="
                + (password == null ? "none" : "******") + ", index=" + index + ", id=" + id + ", routing=" + routing
                + ", mode=" + mode + ", bulk=" + bulk + ", errorPolicy=" + errorPolicy + ", truncate=" + truncate + ", retry=" + retry + ", timeout=" + timeout + "]";
    }
}
