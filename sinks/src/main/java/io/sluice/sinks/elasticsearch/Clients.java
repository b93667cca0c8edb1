package io.sluice.sinks.elasticsearch;

import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.elasticsearch.client.RestHighLevelClient;

/** Opens the REST client of a sink, with basic authentication when a user is given. */
final class Clients {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How much longer than the bulk request's own timeout the client waits for the node's answer. */
    private static final long SOCKET_TIMEOUT_MARGIN_MS = 5_000;
    /**
     * The shortest wait for an answer: a slow but healthy bulk must not be sent again while the
     * first still runs (in update mode the first could then land after newer values).
     */
    private static final long MIN_SOCKET_TIMEOUT_MS = 60_000;

    private Clients() {}

    static RestHighLevelClient open(ElasticsearchSinkOptions options) {
        HttpHost[] hosts = options.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new);
        // a node that stops answering (a half-open connection) fails the request after the bulk
        // timeout and a margin, instead of holding the writer (and the checkpoint) forever
        int socketTimeout = (int) Math.min(Integer.MAX_VALUE,
                Math.max(MIN_SOCKET_TIMEOUT_MS, options.timeout().toMillis() + SOCKET_TIMEOUT_MARGIN_MS));
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(c -> c.setConnectTimeout(CONNECT_TIMEOUT_MS).setSocketTimeout(socketTimeout));
        if (options.username() != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(options.username(), options.password()));
            builder.setHttpClientConfigCallback(c -> c.setDefaultCredentialsProvider(credentials));
        }
        return new RestHighLevelClient(builder);
    }
}
