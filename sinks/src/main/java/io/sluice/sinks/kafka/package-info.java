/** {@code type: kafka}: changes published to Kafka topics through Flink's Kafka sink. */
package io.sluice.sinks.kafka;
