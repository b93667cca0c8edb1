package io.sluice.sinks.kafka;

import io.sluice.event.Event;

/**
 * One record the Kafka sink sends for an event: the event's message, or the tombstone (key, no
 * value) that follows a delete when the sink sends tombstones.
 */
record KafkaMessage(Event event, boolean tombstone) {}
