package io.sluice.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a row of the latency scenario can be read from a target yet, asked the way a reader of
 * that target would ask: a Redis {@code EXISTS}, an Elasticsearch real-time {@code GET} of the
 * document (no refresh needed), a JDBC {@code SELECT MAX(id)}.
 *
 * <p>The job runs with parallelism 1 and the writer commits ids in increasing order, so each sink
 * writes them in that order and what a target shows is always a prefix of the ids: {@link
 * #highestVisible} finds its end with a search that asks about 16 ids a request (a pipeline in Redis,
 * an {@code _mget} in Elasticsearch). The scenario checks the prefix assumption at
 * the end by counting what each target holds.
 */
interface Visibility extends AutoCloseable {

    /** The target's name in the report. */
    String target();

    /** True when the row {@code id} can be read. */
    boolean visible(long id);

    /** Which of {@code ids} can be read; one request where the target allows it. */
    default boolean[] visible(long[] ids) {
        boolean[] found = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            found[i] = visible(ids[i]);
        }
        return found;
    }

    /**
     * The largest id in {@code [known, newest]} that can be read, given that {@code known} can: a
     * search that asks about {@link #PROBES} ids spread over the open range at a time.
     */
    default long highestVisible(long known, long newest) {
        long lo = known;
        long hi = newest + 1; // the first id known not to be readable
        while (hi - lo > 1) {
            long step = Math.max(1, (hi - lo) / (PROBES + 1));
            int n = (int) Math.min(PROBES, (hi - lo - 1 + step - 1) / step);
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = Math.min(hi - 1, lo + step * (i + 1));
            }
            ids[n - 1] = hi - 1; // always ask about the end of the range
            boolean[] found = visible(ids);
            long newLo = lo;
            long newHi = hi;
            for (int i = 0; i < n; i++) {
                if (found[i]) {
                    newLo = Math.max(newLo, ids[i]);
                } else {
                    newHi = Math.min(newHi, ids[i]);
                }
            }
            if (newHi <= newLo) { // not a prefix at this moment: take the highest seen
                return newLo;
            }
            lo = newLo;
            hi = newHi;
        }
        return lo;
    }

    /** How many ids {@link #highestVisible} asks about at a time. */
    int PROBES = 16;

    /** How many rows the target holds, to check at the end that every row arrived. */
    long count();

    @Override
    void close();

    /** Keys {@code lat:<id>} in Redis. */
    final class Redis implements Visibility {
        private final Jedis jedis;

        Redis(String host, int port) {
            this.jedis = new Jedis(host, port);
        }

        @Override
        public String target() {
            return "Redis";
        }

        @Override
        public boolean visible(long id) {
            return jedis.exists("lat:" + id);
        }

        @Override
        public boolean[] visible(long[] ids) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<Boolean>> responses = new ArrayList<>();
            for (long id : ids) {
                responses.add(pipeline.exists("lat:" + id));
            }
            pipeline.sync();
            boolean[] found = new boolean[ids.length];
            for (int i = 0; i < ids.length; i++) {
                found[i] = responses.get(i).get();
            }
            return found;
        }

        @Override
        public long count() {
            return jedis.dbSize();
        }

        @Override
        public void close() {
            jedis.close();
        }
    }

    /** Documents of the {@code lat} index, by id. */
    final class Elasticsearch implements Visibility {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient http = HttpClient.newHttpClient();
        private final String url;

        Elasticsearch(String url) {
            this.url = url;
        }

        @Override
        public String target() {
            return "Elasticsearch";
        }

        @Override
        public boolean visible(long id) {
            return send(HttpRequest.newBuilder(URI.create(url + "/lat/_doc/" + id))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode() == 200;
        }

        /** One real-time {@code _mget} of the ids. */
        @Override
        public boolean[] visible(long[] ids) {
            StringBuilder body = new StringBuilder("{\"ids\":[");
            for (int i = 0; i < ids.length; i++) {
                body.append(i == 0 ? "" : ",").append('"').append(ids[i]).append('"');
            }
            body.append("]}");
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/lat/_mget?_source=false"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            try {
                JsonNode docs = JSON.readTree(response.body()).path("docs");
                boolean[] found = new boolean[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    found[i] = docs.path(i).path("found").asBoolean(false);
                }
                return found;
            } catch (IOException e) {
                throw new UncheckedIOException("Elasticsearch's _mget answer is not JSON: " + response.body(), e);
            }
        }

        @Override
        public long count() {
            send(HttpRequest.newBuilder(URI.create(url + "/lat/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
            String body = send(HttpRequest.newBuilder(URI.create(url + "/lat/_count")).GET()).body();
            return Long.parseLong(body.replaceAll(".*\"count\"\\s*:\\s*(\\d+).*", "$1"));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException("Elasticsearch at " + url + " did not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public void close() {}
    }

    /** Rows of a table in the relational target. */
    final class Jdbc implements Visibility {
        private final Connection connection;
        private final String table;

        Jdbc(Connection connection, String table) {
            this.connection = connection;
            this.table = table;
        }

        @Override
        public String target() {
            return "JDBC (MariaDB)";
        }

        @Override
        public boolean visible(long id) {
            return highestVisible(id - 1, id) >= id;
        }

        /** One query instead of a search: the largest id the table holds. */
        @Override
        public long highestVisible(long known, long newest) {
            long max = query("SELECT COALESCE(MAX(id), 0) FROM " + table);
            return Math.max(known, Math.min(max, newest));
        }

        @Override
        public long count() {
            return query("SELECT COUNT(*) FROM " + table);
        }

        private long query(String sql) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                if (e.getErrorCode() == 1146) { // the sink creates the table with its first batch
                    return 0;
                }
                throw new IllegalStateException(sql + " failed on the JDBC target", e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the JDBC target connection", e);
            }
        }
    }
}
