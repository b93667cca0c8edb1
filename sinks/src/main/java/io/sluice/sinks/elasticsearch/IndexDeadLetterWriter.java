package io.sluice.sinks.elasticsearch;

import io.sluice.sinks.common.DeadLetterWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;

import java.io.IOException;

/**
 * Writes dead letters as documents of an index in the sink's own cluster. The rejected event is
 * stored as a JSON string ({@code event}), next to its {@code db}, {@code table} and {@code op},
 * so rows of any table fit one mapping. Each dead letter is acknowledged before the writer goes on.
 */
final class IndexDeadLetterWriter implements DeadLetterWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestHighLevelClient client;
    private final String index;

    IndexDeadLetterWriter(RestHighLevelClient client, String index) {
        this.client = client;
        this.index = index;
    }

    @Override
    public void write(String json) throws IOException {
        ObjectNode letter = (ObjectNode) JSON.readTree(json);
        JsonNode event = letter.get("event");
        if (event != null && event.isObject()) {
            letter.put("db", event.path("db").asText());
            letter.put("table", event.path("table").asText());
            letter.put("op", event.path("op").asText());
            letter.put("event", JSON.writeValueAsString(event));
        }
        client.index(new IndexRequest(index).source(JSON.writeValueAsString(letter), XContentType.JSON),
                RequestOptions.DEFAULT);
    }

    @Override
    public void flush() {
        // every dead letter was acknowledged when written
    }

    @Override
    public void close() {
        // the client belongs to the writer
    }

    @Override
    public String toString() {
        return "dead-letter index " + index;
    }
}
