package io.sluice.sinks.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells, once per topic, whether a topic the sink is about to write to exists or will be created
 * by the broker: a missing topic with {@code auto.create.topics.enable=false} would otherwise hold
 * the producer for {@code max.block.ms} and then fail the job with a timeout that does not name
 * the cause. A topic found missing is checked again after a while (someone may create it). When
 * the cluster cannot be asked (no permission, no answer), the check gives way to the producer.
 */
final class TopicCheck {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCheck.class);
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long TIMEOUT_SECONDS = 30;

    private final String sinkName;
    private final Properties adminProperties;
    private final Map<String, Long> missingSince = new HashMap<>();
    private final Map<String, Boolean> known = new HashMap<>();
    private Boolean autoCreate;
    private boolean gaveUp;

    TopicCheck(String sinkName, Properties adminProperties) {
        this.sinkName = sinkName;
        this.adminProperties = adminProperties;
    }

    /** Empty when records may go to the topic; otherwise why not and what to do. */
    Optional<String> problem(String topic) {
        if (gaveUp || known.containsKey(topic)) {
            return Optional.empty();
        }
        Long since = missingSince.get(topic);
        if (since != null && System.nanoTime() - since < RECHECK_NANOS) {
            return Optional.of(missing(topic));
        }
        // an admin client only for the check: Flink does not close a record serializer
        try (Admin admin = Admin.create(adminProperties)) {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                known.put(topic, true);
                missingSince.remove(topic);
                return Optional.empty();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (autoCreate(admin)) {
                known.put(topic, true);
                return Optional.empty();
            }
            missingSince.put(topic, System.nanoTime());
            return Optional.of(missing(topic));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            gaveUp = true;
            LOG.warn("{}: cannot ask the Kafka cluster whether topics exist ({}); a missing topic will show as a "
                    + "producer timeout", sinkName, String.valueOf(e.getCause() == null ? e : e.getCause()));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String missing(String topic) {
        return "topic '" + topic + "' does not exist and the brokers do not create topics "
                + "(auto.create.topics.enable=false); create it, or change the sink's topic";
    }

    private boolean autoCreate(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        if (autoCreate == null) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    Integer.toString(nodes.iterator().next().id()));
            Config config = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(broker);
            ConfigEntry entry = config.get("auto.create.topics.enable");
            autoCreate = entry == null || Boolean.parseBoolean(entry.value());
        }
        return autoCreate;
    }
}
