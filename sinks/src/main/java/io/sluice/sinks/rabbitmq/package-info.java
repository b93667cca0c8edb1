/** {@code type: rabbitmq}: changes published to a RabbitMQ exchange, confirmed before each checkpoint. */
package io.sluice.sinks.rabbitmq;
