package io.sluice.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;
import io.sluice.core.template.TextValues;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.ElasticsearchServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;

/** Reads indices back for comparison with a workload's model. */
final class ElasticsearchIndices {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchIndices() {}

    /** Every document of the indices matching a pattern, however many: "index/id" to source (a scroll). */
    static Map<String, JsonNode> documents(ElasticsearchServer es, String pattern) throws Exception {
        es.request("POST", "/" + pattern + "/_refresh?allow_no_indices=true", null);
        Map<String, JsonNode> docs = new HashMap<>();
        JsonNode page = JSON.readTree(es.request("POST", "/" + pattern + "/_search?scroll=1m&size=5000"
                + "&allow_no_indices=true", "{\"sort\":[\"_doc\"]}"));
        while (true) {
            JsonNode hits = page.path("hits").path("hits");
            for (JsonNode hit : hits) {
                docs.put(hit.get("_index").asText() + "/" + hit.get("_id").asText(), hit.get("_source"));
            }
            String scrollId = page.path("_scroll_id").asText(null);
            if (hits.isEmpty() || scrollId == null) {
                if (scrollId != null) {
                    es.request("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
                }
                return docs;
            }
            page = JSON.readTree(es.request("POST", "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}"));
        }
    }

    /** How many documents the indices matching a pattern hold; 0 while the node does not answer. */
    static long count(ElasticsearchServer es, String pattern) {
        try {
            es.request("POST", "/" + pattern + "/_refresh?allow_no_indices=true", null);
            return JSON.readTree(es.request("GET", "/" + pattern + "/_count?allow_no_indices=true", null))
                    .path("count").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Index {@code p-<table>} holds exactly the model's rows of each table, as canonical JSON, by key. */
    static void assertIndicesEqualModel(ElasticsearchServer es, String p, Workload workload) throws Exception {
        Map<String, JsonNode> expected = new HashMap<>();
        for (TableSchema t : workload.tables()) {
            for (Object[] row : workload.rows(t.id()).values()) {
                StringBuilder id = new StringBuilder();
                for (int k : t.keyIndexes()) {
                    id.append(id.length() == 0 ? "" : "_").append(TextValues.text(row[k], t.column(k)));
                }
                expected.put(p + "-" + t.id().table() + "/" + id, JSON.readTree(CanonicalJson.toJson(t, row)));
            }
        }
        Map<String, JsonNode> actual = documents(es, p + "-*");
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(actual).isEqualTo(expected);
    }
}
