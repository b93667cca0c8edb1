package io.sluice.sinks.elasticsearch;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code type: elasticsearch}: the keys of an elasticsearch sink, and the {@link ElasticsearchSink} built from them. */
@Internal
public final class ElasticsearchSinkFactory implements SinkFactory {

    private static final String URL_EXAMPLE = "http://127.0.0.1:9200";

    public static final ConfigOption<List<String>> HOSTS = ConfigOption.stringList("hosts", "a URL such as " + URL_EXAMPLE)
            .required().accepting("a list of URLs such as " + URL_EXAMPLE)
            .withDoc("The cluster's HTTP addresses.");
    public static final ConfigOption<String> USERNAME = ConfigOption.string("username").accepting("a user name")
            .withDoc("User for basic authentication.");
    public static final ConfigOption<Secret> PASSWORD = ConfigOption.secret("password")
            .withDoc("Password for basic authentication.");
    public static final ConfigOption<String> INDEX = ConfigOption.template("index", "orders or orders_{region}").required()
            .withDoc("The index each document goes to.");
    public static final ConfigOption<String> ID = ConfigOption.template("id", "{id}")
            .withDoc("The document _id; by default the key values joined by _.");
    public static final ConfigOption<String> ROUTING = ConfigOption.template("routing", "{user_id}")
            .withDoc("The routing value.");
    public static final ConfigOption<ElasticsearchWriteMode> MODE = ConfigOption
            .choice("mode", ElasticsearchWriteMode.class, "elasticsearch mode")
            .withDefault(ElasticsearchWriteMode.INDEX)
            .withDoc("index replaces the whole document; upsert updates the fields a change carries.");

    public static final ConfigOption<Integer> BULK_ACTIONS = ConfigOption.integer("actions", 1, Integer.MAX_VALUE)
            .withDefault(BulkOptions.DEFAULT.actions()).withUnit("requests")
            .withDoc("Send a bulk request after this many actions.");
    public static final ConfigOption<Long> BULK_BYTES = ConfigOption.bytes("bytes")
            .withDefault(BulkOptions.DEFAULT.bytes()).withDoc("... or this many bytes of request bodies.");
    public static final ConfigOption<Duration> BULK_INTERVAL = ConfigOption.duration("interval")
            .withDefault(BulkOptions.DEFAULT.interval()).withDoc("... or after this long; checkpoints flush too.");
    public static final ConfigOption<Integer> BULK_MAX_IN_FLIGHT = ConfigOption
            .integer("max-in-flight", 1, BulkOptions.MAX_IN_FLIGHT_LIMIT)
            .withDefault(BulkOptions.DEFAULT.maxInFlight()).withUnit("requests")
            .withDoc("Bulk requests in flight at once before the writer waits.");
    public static final ConfigOption<Options> BULK = ConfigOption
            .block("bulk", List.of(BULK_ACTIONS, BULK_BYTES, BULK_INTERVAL, BULK_MAX_IN_FLIGHT))
            .withDoc("When bulk requests are sent.");

    public static final ConfigOption<TruncatePolicy> TRUNCATE = TruncatePolicy.option(null);

    @Override
    public String type() {
        return "elasticsearch";
    }

    @Override
    public String description() {
        return "Documents in Elasticsearch 7.";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(HOSTS, USERNAME, PASSWORD, INDEX, ID, ROUTING, MODE, BULK, TRUNCATE);
    }

    @Override
    public Set<ErrorPolicy.DeadLetter.Target> deadLetterTargets() {
        return Set.of(ErrorPolicy.DeadLetter.Target.PATH, ErrorPolicy.DeadLetter.Target.INDEX);
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        TruncatePolicy.refuseDelete(options, errors, TRUNCATE, "documents do not record the table they came from");
        for (String host : options.get(HOSTS)) {
            hostProblem(host).ifPresent(problem -> errors.error(HOSTS, problem));
        }
    }

    private static Optional<String> hostProblem(String host) {
        try {
            URI uri = new URI(host);
            if (uri.getUserInfo() != null) {
                return Optional.of(
                        "credentials in a host URL are not allowed; use the username and password keys");
            }
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return Optional.of("invalid host '" + Secret.maskUrlPasswords(host) + "'; expected " + HOSTS.accepted());
    }

    @Override
    public Optional<String> partialUpdates(Options options) {
        return options.get(MODE) == ElasticsearchWriteMode.UPSERT ? Optional.empty()
                : Optional.of("mode index replaces whole documents, so the fields a partial update leaves out would "
                        + "be lost; use mode: upsert");
    }

    @Override
    public String target(Options options) {
        return options.get(INDEX);
    }

    @Override
    public String identity(Options options) {
        return options.get(HOSTS) + "|" + options.get(INDEX);
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        Options options = context.options();
        Options bulk = options.get(BULK);
        ElasticsearchSinkBuilder builder = ElasticsearchSink.builder()
                .name(context.name())
                .hosts(options.get(HOSTS))
                .index(options.get(INDEX))
                .mode(options.get(MODE))
                .bulk(new BulkOptions(bulk.get(BULK_ACTIONS), bulk.get(BULK_BYTES), bulk.get(BULK_INTERVAL),
                        bulk.get(BULK_MAX_IN_FLIGHT)))
                .errorPolicy(context.errorPolicy())
                .truncate(context.options().get(TRUNCATE));
        options.getOptional(USERNAME).ifPresent(builder::username);
        options.getOptional(PASSWORD).ifPresent(p -> builder.password(p.reveal()));
        options.getOptional(ID).ifPresent(builder::id);
        options.getOptional(ROUTING).ifPresent(builder::routing);
        return builder.build();
    }
}
