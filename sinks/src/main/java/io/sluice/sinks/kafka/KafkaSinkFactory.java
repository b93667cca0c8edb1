package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.template.Template;
import io.sluice.event.Event;
import io.sluice.sinks.messages.MessageFormatOptions;
import io.sluice.sinks.messages.MessageOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** {@code type: kafka}: the keys of a kafka sink, and the Flink {@link KafkaSink} built from them. */
@Internal
public final class KafkaSinkFactory implements SinkFactory {

    /** Producer settings the sink sets itself, which {@code properties} may not change. */
    private static final Set<String> MANAGED = Set.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    /** Kafka's longest transaction by default ({@code transaction.max.timeout.ms}). */
    private static final String TRANSACTION_TIMEOUT_MS = Long.toString(Duration.ofMinutes(15).toMillis());

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.string("bootstrap-servers").required()
            .nonEmpty().accepting("host:port[,host:port...]").withDoc("Brokers to connect to first.");
    public static final ConfigOption<String> TOPIC = ConfigOption.template("topic", "cdc.{db}.{table}").required()
            .withDoc("The topic each change goes to (Canal's `dynamicTopic`: `{db}`, `{table}` or a column).");
    public static final ConfigOption<List<String>> KEY_COLUMNS = ConfigOption.stringList("key-columns", "a column name")
            .withDoc("The columns of the message key (a JSON object); default: the table's key (a table without "
                    + "one: its name).");
    public static final ConfigOption<PartitionBy> PARTITION_BY = ConfigOption.choice("partition-by", PartitionBy.class,
            "partitioning").withDefault(PartitionBy.KEY)
            .withDoc("By the message key's hash (a row's changes in order) or the table's (a table's changes in binlog "
                    + "order: the sink then runs one writer).");
    public static final ConfigOption<Boolean> TOMBSTONES = ConfigOption.bool("tombstones").withDefault(false)
            .withDoc("After each delete (a key change's too) a record with the key and no value, as Debezium's "
                    + "`tombstones.on.delete`: log compaction then drops the key.");
    public static final ConfigOption<String> DDL_TOPIC = ConfigOption.template("ddl-topic", "cdc.ddl")
            .withDoc("Publish schema changes (isDdl messages) to this topic; `{db}` and `{table}` only. Default: none.");
    public static final ConfigOption<Delivery> DELIVERY = ConfigOption.choice("delivery", Delivery.class,
            "delivery guarantee").withDefault(Delivery.AT_LEAST_ONCE)
            .withDoc("at-least-once (flush on checkpoint) or exactly-once (transactions committed on checkpoint).");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOption.string("transactional-id-prefix")
            .nonEmpty().accepting("a prefix unique among the cluster's producers")
            .withDoc("exactly-once: the transactional ids' prefix; default: from the job's name and the sink's uid.");
    public static final ConfigOption<Acks> ACKS = ConfigOption.choice("acks", Acks.class, "acks")
            .withDefault(Acks.ALL).withDoc("Who confirms a record before it counts as sent.");
    public static final ConfigOption<Compression> COMPRESSION = ConfigOption.choice("compression", Compression.class,
            "compression").withDefault(Compression.NONE).withDoc("The producer's compression.");
    public static final ConfigOption<Duration> LINGER = ConfigOption.duration("linger").withDefault(Duration.ofMillis(5))
            .withDoc("How long the producer waits to fill a batch (`linger.ms`).");
    public static final ConfigOption<Long> BATCH_SIZE = ConfigOption.bytes("batch-size").withDefault(16_384L)
            .withDoc("The producer's batch size per partition (`batch.size`).");
    public static final ConfigOption<SecurityProtocol> SECURITY_PROTOCOL = ConfigOption.choice("security-protocol",
            SecurityProtocol.class, "security protocol").withDefault(SecurityProtocol.PLAINTEXT)
            .withDoc("How to reach the brokers.");
    public static final ConfigOption<SaslMechanism> SASL_MECHANISM = ConfigOption.choice("sasl-mechanism",
            SaslMechanism.class, "SASL mechanism").withDefault(SaslMechanism.PLAIN)
            .withDoc("With a sasl_ protocol: how username and password are checked.");
    public static final ConfigOption<String> USERNAME = ConfigOption.string("username").nonEmpty()
            .accepting("a SASL user name").withDoc("The SASL user (with a sasl_ protocol).");
    public static final ConfigOption<Secret> PASSWORD = ConfigOption.secret("password").withDoc("The SASL password.");
    public static final ConfigOption<String> SSL_TRUSTSTORE = ConfigOption.string("ssl-truststore").nonEmpty()
            .accepting("the path of a PKCS12 or JKS trust store")
            .withDoc("With ssl or sasl_ssl: a trust store holding the brokers' CA; default: the JVM's.");
    public static final ConfigOption<Secret> SSL_TRUSTSTORE_PASSWORD = ConfigOption.secret("ssl-truststore-password")
            .withDoc("The trust store's password.");
    public static final ConfigOption<Map<String, String>> PROPERTIES = ConfigOption.stringMap("properties",
            "a producer setting's value").withDoc("More producer settings, passed through (e.g. `max.request.size`).");
    public static final ConfigOption<TruncatePolicy> TRUNCATE = TruncatePolicy.option(null);

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public String description() {
        return "Messages on Kafka topics (Canal, Debezium or Sluice JSON).";
    }

    @Override
    public List<ConfigOption<?>> options() {
        List<ConfigOption<?>> options = new ArrayList<>(List.of(BOOTSTRAP_SERVERS, TOPIC));
        options.addAll(MessageFormatOptions.options());
        options.addAll(List.of(KEY_COLUMNS, PARTITION_BY, TOMBSTONES, DDL_TOPIC, DELIVERY, TRANSACTIONAL_ID_PREFIX, ACKS,
                COMPRESSION, LINGER, BATCH_SIZE, SECURITY_PROTOCOL, SASL_MECHANISM, USERNAME, PASSWORD, SSL_TRUSTSTORE,
                SSL_TRUSTSTORE_PASSWORD, PROPERTIES, TRUNCATE));
        return options;
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        TruncatePolicy.refuseDelete(options, errors, TRUNCATE, "a topic's consumers hold the rows, not the sink");
        MessageFormatOptions.validate(options, errors);
        if (options.has(DDL_TOPIC)) {
            for (String name : Template.parse(options.get(DDL_TOPIC)).names()) {
                if (!name.equals("db") && !name.equals("table")) {
                    errors.error(DDL_TOPIC, "ddl-topic may only use {db} and {table} (a schema change has no row); "
                            + "found {" + name + "}");
                }
            }
        }
        if (options.has(TRANSACTIONAL_ID_PREFIX) && options.get(DELIVERY) != Delivery.EXACTLY_ONCE) {
            errors.error(TRANSACTIONAL_ID_PREFIX, "transactional-id-prefix is only used with delivery: exactly-once");
        }
        if (options.get(DELIVERY) == Delivery.EXACTLY_ONCE && options.get(ACKS) != Acks.ALL) {
            errors.error(ACKS, "exactly-once needs acks: all (Kafka transactions need the idempotent producer)");
        }
        SecurityProtocol protocol = options.get(SECURITY_PROTOCOL);
        if (!protocol.sasl()) {
            for (ConfigOption<?> option : List.of(SASL_MECHANISM, USERNAME, PASSWORD)) {
                if (options.has(option)) {
                    errors.error(option, option.key() + " needs security-protocol: sasl_plaintext or sasl_ssl");
                }
            }
        } else if (!options.has(USERNAME) || !options.has(PASSWORD)) {
            errors.missing(options.has(USERNAME) ? PASSWORD : USERNAME,
                    "username and password (security-protocol " + protocol.configName() + " logs in with both)");
        }
        if (!protocol.tls()) {
            for (ConfigOption<?> option : List.of(SSL_TRUSTSTORE, SSL_TRUSTSTORE_PASSWORD)) {
                if (options.has(option)) {
                    errors.error(option, option.key() + " needs security-protocol: ssl or sasl_ssl");
                }
            }
        }
        String maxRequest = options.get(PROPERTIES).get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (maxRequest != null && !maxRequest.matches("[1-9][0-9]{0,9}")) {
            errors.error(PROPERTIES, "max.request.size '" + maxRequest + "' is not a number of bytes; expected e.g. "
                    + "4194304");
        }
        for (String key : options.get(PROPERTIES).keySet()) {
            if (MANAGED.contains(key)) {
                errors.error(PROPERTIES, "properties may not set " + key + "; the sink sets it (use "
                        + (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) ? "bootstrap-servers"
                                : key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG) ? "transactional-id-prefix"
                                        : "format") + ")");
            }
        }
    }

    /** One writer for {@code partition-by: table}: writers in parallel would interleave a table's changes. */
    @Override
    public int parallelism(Options options, int jobParallelism) {
        return options.get(PARTITION_BY) == PartitionBy.TABLE ? 1 : jobParallelism;
    }

    @Override
    public String target(Options options) {
        return options.get(TOPIC);
    }

    @Override
    public String identity(Options options) {
        return options.get(BOOTSTRAP_SERVERS) + "|" + options.get(TOPIC);
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        Options options = context.options();
        Properties producer = producerProperties(options);
        MessageOptions messages = MessageFormatOptions.messages(options);
        long maxRequest = Long.parseLong(producer.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576"));
        KafkaSinkOptions sinkOptions = new KafkaSinkOptions(context.name(), options.get(TOPIC),
                options.getOptional(DDL_TOPIC).orElse(null), options.get(MessageFormatOptions.FORMAT), messages,
                options.get(KEY_COLUMNS),
                options.get(PARTITION_BY), maxRequest, context.errorPolicy(), options.get(TRUNCATE));
        Delivery delivery = options.get(DELIVERY);
        if (delivery == Delivery.EXACTLY_ONCE) {
            producer.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        }
        return sink(sinkOptions, producer, delivery, options.getOptional(TRANSACTIONAL_ID_PREFIX)
                .orElse("sluice-" + context.scope()), options.get(TOMBSTONES));
    }

    /** Flink's Kafka sink for events, with the given producer settings. */
    static EventKafkaSink<?, ?> sink(KafkaSinkOptions options, Properties producer, Delivery delivery,
            String transactionalIdPrefix, boolean tombstones) {
        EventRecordSerializer serializer = new EventRecordSerializer(options, adminProperties(producer));
        KafkaSink<KafkaMessage> sink = KafkaSink.<KafkaMessage>builder()
                .setBootstrapServers(producer.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(delivery.guarantee())
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(serializer)
                .build();
        return EventKafkaSink.of(sink, serializer, tombstones);
    }

    /** The producer's settings: the sink's keys, then {@code properties} over them. */
    static Properties producerProperties(Options options) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get(BOOTSTRAP_SERVERS));
        p.setProperty(ProducerConfig.ACKS_CONFIG, options.get(ACKS).configName());
        p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.get(COMPRESSION).configName());
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, Long.toString(options.get(LINGER).toMillis()));
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Long.toString(options.get(BATCH_SIZE)));
        SecurityProtocol protocol = options.get(SECURITY_PROTOCOL);
        p.setProperty(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, protocol.name());
        if (protocol.sasl()) {
            SaslMechanism mechanism = options.get(SASL_MECHANISM);
            p.setProperty(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
            p.setProperty(SaslConfigs.SASL_JAAS_CONFIG, mechanism.jaas(options.get(USERNAME),
                    options.get(PASSWORD).reveal()));
        }
        options.getOptional(SSL_TRUSTSTORE).ifPresent(t -> p.setProperty(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, t));
        options.getOptional(SSL_TRUSTSTORE_PASSWORD)
                .ifPresent(s -> p.setProperty(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, s.reveal()));
        options.get(PROPERTIES).forEach(p::setProperty);
        return p;
    }

    /** The producer's settings that an admin client understands (connection and security). */
    static Properties adminProperties(Properties producer) {
        Properties admin = new Properties();
        Set<String> known = AdminClientConfig.configNames();
        producer.forEach((k, v) -> {
            if (known.contains(String.valueOf(k))) {
                admin.put(k, v);
            }
        });
        return admin;
    }
}
