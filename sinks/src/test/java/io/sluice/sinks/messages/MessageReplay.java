package io.sluice.sinks.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.TableSchema;
import io.sluice.event.json.CanonicalJson;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.Workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a consumer of canonical JSON messages holds after applying them in order (per table: the
 * message key's text to the row's JSON), and the check that it equals the source tables.
 */
public final class MessageReplay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, String>> tables = new HashMap<>();

    /** Applies one message: its key's text and its canonical JSON value. */
    public void apply(String key, byte[] value) throws IOException {
        JsonNode m = JSON.readTree(value);
        Map<String, String> rows = tables.computeIfAbsent(m.get("table").asText(), t -> new HashMap<>());
        if (m.get("op").asText().equals("d")) {
            rows.remove(key);
        } else {
            rows.put(key, m.get("after").toString());
        }
    }

    /** Asserts that the replayed rows are the workload's final tables, naming every row that differs. */
    public void assertEqualsSource(Workload workload) {
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (TableSchema t : workload.tables()) {
            Map<String, String> rows = new HashMap<>();
            workload.rows(t.id()).values().forEach(row -> rows.put(
                    new String(MessageKeys.of(TestRows.insert(t, row), t.keyIndexes()), StandardCharsets.UTF_8),
                    CanonicalJson.toJson(t, row)));
            if (!rows.isEmpty()) {
                expected.put(t.id().table(), rows);
            }
        }
        tables.values().removeIf(Map::isEmpty);
        assertThat(tables.keySet()).isEqualTo(expected.keySet());
        for (String table : expected.keySet()) {
            Map<String, String> want = expected.get(table);
            Map<String, String> got = tables.get(table);
            List<String> wrong = new ArrayList<>();
            want.forEach((k, v) -> {
                if (!v.equals(got.get(k))) {
                    wrong.add(k + ": expected " + v + " but was " + got.get(k));
                }
            });
            got.keySet().stream().filter(k -> !want.containsKey(k)).forEach(k -> wrong.add(k + ": not in the source"));
            assertThat(wrong).as(table + " (" + want.size() + " rows)").isEmpty();
        }
    }
}
