/**
 * The Elasticsearch 7 sink ({@link io.sluice.sinks.elasticsearch.ElasticsearchSink}, built with
 * {@link io.sluice.sinks.elasticsearch.ElasticsearchSinkBuilder}) with per-item failure handling.
 */
package io.sluice.sinks.elasticsearch;
