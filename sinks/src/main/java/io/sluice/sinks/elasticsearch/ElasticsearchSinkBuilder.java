package io.sluice.sinks.elasticsearch;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.event.Event;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.http.HttpHost;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link ElasticsearchSink}. Setters check their own value; {@link #build()} checks the
 * rules between them. Each setter is named after the job file key it mirrors.
 *
 * <pre>{@code
 * ElasticsearchSink sink = ElasticsearchSink.builder()
 *         .name("orders-search")
 *         .hosts(List.of("http://127.0.0.1:9200"))
 *         .index("orders-{created_at:yyyy.MM}")
 *         .bulk(new BulkOptions(2000, 5 << 20, Duration.ofSeconds(1)))
 *         .errorPolicy(ErrorPolicy.deadLetterIndex("orders-dead"))
 *         .build();
 * orders.keyBy(new RowKeySelector(), Types.STRING).sinkTo(sink).name("orders-search").uid("orders-search");
 * }</pre>
 */
@PublicEvolving
public final class ElasticsearchSinkBuilder {
    /** Elasticsearch's own default wait for an unavailable shard. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    private String name = "elasticsearch";
    private final List<String> hosts = new ArrayList<>();
    private String username;
    private String password;
    private Template index;
    private Template id;
    private Template routing;
    private ElasticsearchWriteMode mode = ElasticsearchWriteMode.INDEX;
    private BulkOptions bulk = BulkOptions.DEFAULT;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
    private TruncatePolicy truncate = TruncatePolicy.FAIL;
    private RetryOptions retry = RetryOptions.DEFAULT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private ElasticsearchEmitter<? super Event> emitter;

    ElasticsearchSinkBuilder() {}

    /** The sink's name in logs, metrics and dead letters. */
    public ElasticsearchSinkBuilder name(String value) {
        this.name = requireText(value, "name");
        return this;
    }

    /** {@code hosts}: URLs such as {@code http://127.0.0.1:9200}. */
    public ElasticsearchSinkBuilder hosts(List<String> urls) {
        hosts.clear();
        for (String url : urls) {
            host(url);
        }
        return this;
    }

    /** One more entry of {@code hosts}. */
    public ElasticsearchSinkBuilder host(String url) {
        URI uri;
        try {
            uri = URI.create(requireText(url, "host"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid host '" + url + "'; expected a URL such as http://127.0.0.1:9200");
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("invalid host '" + url + "'; expected a URL such as http://127.0.0.1:9200");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("credentials in a host URL are not allowed; use username and password");
        }
        hosts.add(url);
        return this;
    }

    /** {@code username} for basic authentication. */
    public ElasticsearchSinkBuilder username(String value) {
        this.username = requireText(value, "username");
        return this;
    }

    /** {@code password} for basic authentication. */
    public ElasticsearchSinkBuilder password(String value) {
        this.password = Objects.requireNonNull(value, "password");
        return this;
    }

    /** {@code index}: the index template, e.g. {@code orders} or {@code orders-{created_at:yyyy.MM}}. */
    public ElasticsearchSinkBuilder index(String template) {
        this.index = Template.parse(template);
        return this;
    }

    /** {@code id}: the {@code _id} template; by default the key values joined by {@code _}. */
    public ElasticsearchSinkBuilder id(String template) {
        this.id = Template.parse(template);
        return this;
    }

    /** {@code routing}: the routing template, e.g. {@code {user_id}}. */
    public ElasticsearchSinkBuilder routing(String template) {
        this.routing = Template.parse(template);
        return this;
    }

    /** {@code mode}: index (default) or upsert. */
    public ElasticsearchSinkBuilder mode(ElasticsearchWriteMode value) {
        this.mode = Objects.requireNonNull(value, "mode");
        return this;
    }

    /** {@code bulk}: actions, bytes and interval. */
    public ElasticsearchSinkBuilder bulk(BulkOptions value) {
        this.bulk = Objects.requireNonNull(value, "bulk");
        return this;
    }

    /** {@code error-policy}: fail (default), log, or a dead-letter file or index. */
    public ElasticsearchSinkBuilder errorPolicy(ErrorPolicy value) {
        this.errorPolicy = Objects.requireNonNull(value, "error-policy");
        return this;
    }

    /** What the sink does when a table it reads is truncated or dropped (default {@code FAIL}). */
    public ElasticsearchSinkBuilder truncate(TruncatePolicy value) {
        this.truncate = Objects.requireNonNull(value, "truncate");
        return this;
    }

    /** Retries of a failed bulk request or of its retriable items (default {@link RetryOptions#DEFAULT}). */
    public ElasticsearchSinkBuilder retry(RetryOptions value) {
        this.retry = Objects.requireNonNull(value, "retry");
        return this;
    }

    /**
     * How long Elasticsearch waits for an unavailable primary shard before it fails the items for
     * it with 503 (the bulk request's {@code timeout}; default 1 minute). A 503 is retried like any
     * retriable failure.
     */
    public ElasticsearchSinkBuilder timeout(Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1ms, got " + value);
        }
        this.timeout = value;
        return this;
    }

    /**
     * Replaces the {@link DocumentEmitter} with another emitter of the connector's interface, for
     * documents shaped otherwise (the templates above then serve only the default emitter).
     */
    public ElasticsearchSinkBuilder emitter(ElasticsearchEmitter<? super Event> value) {
        this.emitter = Objects.requireNonNull(value, "emitter");
        return this;
    }

    /** Checks the settings together and builds the sink. */
    public ElasticsearchSink build() {
        ElasticsearchSinkOptions options = options();
        return new ElasticsearchSink(options, emitter != null ? emitter : new DocumentEmitter(options));
    }

    ElasticsearchSinkOptions options() {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(name + ": hosts is required, e.g. [http://127.0.0.1:9200]");
        }
        if (index == null) {
            throw new IllegalArgumentException(name + ": index is required, e.g. orders or orders_{region}");
        }
        if (username != null && password == null || username == null && password != null) {
            throw new IllegalArgumentException(name + ": username and password go together");
        }
        hosts.forEach(HttpHost::create);
        return new ElasticsearchSinkOptions(name, hosts, username, password, index, id, routing, mode, bulk,
                errorPolicy, truncate, retry, timeout);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
