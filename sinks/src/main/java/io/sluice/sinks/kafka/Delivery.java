package io.sluice.sinks.kafka;

import io.sluice.core.connector.ConfigName;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** The sink's delivery guarantee. */
@Internal
public enum Delivery implements ConfigName {
    /** Every change at least once: the producer is flushed on every checkpoint; a restore may repeat some. */
    AT_LEAST_ONCE("at-least-once", DeliveryGuarantee.AT_LEAST_ONCE),
    /** Kafka transactions committed on checkpoints: read_committed consumers see each change once. */
    EXACTLY_ONCE("exactly-once", DeliveryGuarantee.EXACTLY_ONCE);

    private final String configName;
    private final DeliveryGuarantee guarantee;

    Delivery(String configName, DeliveryGuarantee guarantee) {
        this.configName = configName;
        this.guarantee = guarantee;
    }

    @Override
    public String configName() {
        return configName;
    }

    DeliveryGuarantee guarantee() {
        return guarantee;
    }
}
