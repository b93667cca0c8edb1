package io.sluice.sinks.redis;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.TableSchema;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Redis sink against a local Redis Cluster of three {@code redis-server} processes: the same
 * writer, through Jedis' cluster client, spreads keys over the nodes by slot.
 */
class RedisClusterSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final int SLOTS = 16384;

    @Test
    void aWorkloadLandsOnEveryNodeAndEqualsTheSource() throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.builder()
                        .extraArgs("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                "--cluster-node-timeout", "2000")
                        .start());
            }
            formCluster(nodes);
            TableSchema users = TestRows.schema("shop", "users", List.of(bigint("id"), string("name")), "id");
            Workload workload = Workload.random(List.of(users), 5_000, 51, true);
            RedisSinkBuilder sink = RedisSink.builder().name("redis-cluster").key("u:{id}");
            nodes.forEach(n -> sink.clusterNode(n.host(), n.port()));
            TestJobs.run(workload.events()).execute(sink.build());

            try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort(nodes.get(0).host(), nodes.get(0).port())),
                    DefaultJedisClientConfig.builder().build())) {
                for (Map.Entry<List<Object>, Object[]> row : workload.rows(users.id()).entrySet()) {
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
                    long keys = jedis.dbSize();
                    assertThat(keys).as("keys on " + node).isGreaterThan(0);
                    total += keys;
                }
            }
            assertThat(total).isEqualTo(workload.totalRows());
        } finally {
            nodes.forEach(RedisServer::close);
        }
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
