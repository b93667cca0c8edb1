package io.sluice.sinks.redis;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.TableSchema;
import io.sluice.core.failure.ErrorPolicy;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.RedisServer;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Redis sink against a local Redis Cluster of three {@code redis-server} processes: the same
 * writer, through Jedis' cluster client, spreads keys over the nodes by slot.
 */
class RedisClusterSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final int SLOTS = 16384;

    private static final TableSchema USERS =
            TestRows.schema("shop", "users", List.of(bigint("id"), string("name")), "id");

    @Test
    void aWorkloadLandsOnEveryNodeAndEqualsTheSource() throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            startCluster(nodes);
            Workload workload = Workload.random(List.of(USERS), 5_000, 51, true);
            TestJobs.run(workload.events()).execute(sinkOn(nodes).build());
            assertCacheEqualsModel(nodes, workload);
            for (RedisServer node : nodes) {
                try (Jedis jedis = new Jedis(node.host(), node.port())) {
                    assertThat(jedis.dbSize()).as("keys on " + node).isGreaterThan(0);
                }
            }
        } finally {
            nodes.forEach(RedisServer::close);
        }
    }

    /**
     * One of the three masters is killed while the job streams and started again 2.5 s later (its
     * AOF keeps what it acknowledged). Writes to its slots fail (connection refused, then
     * CLUSTERDOWN while the others still mark it failed), the two quick retries run out, the job
     * restarts from its last checkpoint until the node is back. The error policy is {@code log}:
     * had any of those failures been taken as a rejected record, its key would be missing at the end.
     */
    @Test
    void survivesAMasterKilledAndRestartedMidStream() throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            startCluster(nodes, "--appendonly", "yes", "--appendfsync", "always");
            Workload workload = Workload.random(List.of(USERS), 20_000, 53, true);
            TestJobs.Run run = TestJobs.run(workload.events()).rate(5_000);
            RedisServer victim = nodes.get(1);
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                try (Jedis jedis = new Jedis(victim.host(), victim.port())) {
                    while (jedis.dbSize() < 500) {
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                victim.kill();
                try {
                    Thread.sleep(2_500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                victim.start();
            });
            run.execute(sinkOn(nodes).errorPolicy(ErrorPolicy.LOG)
                    .retry(new RetryOptions(2, Duration.ofMillis(50), Duration.ofMillis(100)))
                    .timeout(Duration.ofSeconds(1))
                    .build());
            outage.join();
            assertThat(run.maxAttempt()).as("the job restarted while the master was down").isGreaterThan(0);
            assertCacheEqualsModel(nodes, workload);
        } finally {
            nodes.forEach(RedisServer::close);
        }
    }

    private static RedisSinkBuilder sinkOn(List<RedisServer> nodes) {
        RedisSinkBuilder sink = RedisSink.builder().name("redis-cluster").key("u:{id}");
        nodes.forEach(n -> sink.clusterNode(n.host(), n.port()));
        return sink;
    }

    /** Starts three cluster-enabled servers into {@code nodes} (so the caller closes them) and forms the cluster. */
    private static void startCluster(List<RedisServer> nodes, String... extraArgs) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            nodes.add(RedisServer.builder()
                    .extraArgs("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                            "--cluster-node-timeout", "2000")
                    .extraArgs(extraArgs)
                    .start());
        }
        formCluster(nodes);
    }

    /** Every row of the model is a hash under its key, and there are no other keys. */
    private static void assertCacheEqualsModel(List<RedisServer> nodes, Workload workload) {
        try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort(nodes.get(0).host(), nodes.get(0).port())),
                DefaultJedisClientConfig.builder().build())) {
            for (Map.Entry<List<Object>, Object[]> row : workload.rows(USERS.id()).entrySet()) {
                Object[] values = row.getValue();
                Map<String, String> expected = values[1] == null
                        ? Map.of("id", values[0].toString())
                        : Map.of("id", values[0].toString(), "name", values[1].toString());
                assertThat(cluster.hgetAll("u:" + row.getKey().get(0))).isEqualTo(expected);
            }
        }
        long total = 0;
        for (RedisServer node : nodes) {
            try (Jedis jedis = new Jedis(node.host(), node.port())) {
                total += jedis.dbSize();
            }
        }
        assertThat(total).isEqualTo(workload.totalRows());
    }

    /** Gives each node a third of the slots, introduces them to each other, and waits until the cluster is ok. */
    private static void formCluster(List<RedisServer> nodes) throws InterruptedException {
        for (int i = 0; i < nodes.size(); i++) {
            try (Jedis jedis = new Jedis(nodes.get(i).host(), nodes.get(i).port())) {
                int from = SLOTS * i / nodes.size();
                int to = SLOTS * (i + 1) / nodes.size() - 1;
                jedis.sendCommand(() -> "CLUSTER".getBytes(), "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
                for (RedisServer other : nodes) {
                    jedis.clusterMeet(other.host(), other.port());
                }
            }
        }
        long deadline = System.currentTimeMillis() + 30_000;
        for (RedisServer node : nodes) {
            try (Jedis jedis = new Jedis(node.host(), node.port())) {
                while (!jedis.clusterInfo().contains("cluster_state:ok")) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("the cluster did not form: " + jedis.clusterInfo());
                    }
                    Thread.sleep(100);
                }
            }
        }
    }
}
