/**
 * Message formats for the sinks that publish changes to a message queue: Canal's flat message
 * ({@code canal-json}), Debezium's envelope ({@code debezium-json}) and Sluice's canonical JSON
 * ({@code json}), and the message key.
 */
package io.sluice.sinks.messages;
