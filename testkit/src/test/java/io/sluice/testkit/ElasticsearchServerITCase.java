package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Starts a real Elasticsearch 7.10.2 node in its own JVM and talks HTTP to it. */
class ElasticsearchServerITCase {

    @Test
    void indexesWithZeroReplicasAndKeepsDataAcrossStopKillAndRestart() {
        Path dir;
        try (ElasticsearchServer es = ElasticsearchServer.builder().start()) {
            dir = es.directory();
            int port = es.port();
            assertThat(es.url()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(es.request("GET", "/", null)).contains("\"number\" : \"7.10.2\"");
            es.request("PUT", "/things/_doc/1?refresh=true", "{\"name\":\"one\"}");
            assertThat(es.request("GET", "/things/_settings", null)).contains("\"number_of_replicas\":\"0\"");
            assertThat(es.request("GET", "/_cluster/health/things", null)).contains("\"status\":\"green\"");

            es.stop();
            assertThat(es.isRunning()).isFalse();
            assertThatThrownBy(() -> es.request("GET", "/", null)).hasMessageContaining("failed");
            es.start();
            assertThat(es.port()).isEqualTo(port);
            assertThat(es.request("GET", "/things/_doc/1", null)).contains("\"name\":\"one\"");

            es.request("PUT", "/things/_doc/2", "{\"name\":\"two\"}");
            es.kill();
            es.start();
            assertThat(es.request("GET", "/things/_doc/2", null)).as("acknowledged writes survive a crash")
                    .contains("\"name\":\"two\"");
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void sharedServerCannotBeStopped() {
        ElasticsearchServer es = ElasticsearchServer.shared();
        assertThat(ElasticsearchServer.shared()).isSameAs(es);
        assertThatThrownBy(es::stop).hasMessageContaining("shared elasticsearch");
    }
}
