package io.sluice.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The final state of the shop job's {@code seller_daily} aggregate, replayed from the changes a
 * print sink wrote (one canonical JSON event a line): per (seller, day) its order count and sum of
 * amounts, in the form of {@link ShopData#sellerDaily}.
 */
final class PrintedAggregate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrintedAggregate() {}

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> groups = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode event = JSON.readTree(line);
                String op = event.path("op").asText();
                JsonNode row = "d".equals(op) ? event.path("before") : event.path("after");
                String key = row.path("seller_id").asText() + "|" + row.path("day").asText();
                if ("d".equals(op)) {
                    groups.remove(key);
                } else {
                    groups.put(key, row.path("orders").asLong() + "|" + plain(row.path("gmv").asText()));
                }
            }
        }
        return groups;
    }

    /** A decimal without trailing zeros, so 12.50 and 12.5 compare equal. */
    static String plain(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }
}
