package io.sluice.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;
import org.elasticsearch.common.settings.Settings;

/**
 * The main class of the JVM that {@link ElasticsearchServer} starts: one Elasticsearch 7.10.2
 * node (elasticsearch-cluster-runner) bound to 127.0.0.1 on the given HTTP port, keeping its data
 * under the given directory, with an index template giving every index 0 replicas. It runs until
 * the process is signalled.
 *
 * <p>Arguments: {@code <home directory> <http port> [setting=value ...]}; the optional node
 * settings (such as {@code thread_pool.write.queue_size=1}) are applied last.
 */
public final class ElasticsearchMain {

    /** The index template that gives every index 0 replicas; its presence means "ready". */
    static final String TEMPLATE = "sluice-zero-replicas";

    private ElasticsearchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ElasticsearchMain <home directory> <http port> [setting=value ...]");
        }
        Path home = Path.of(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = freePort();
        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
        // The runner probes ports up to 9299 by default; ours is free already (LocalServer picked it).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("network.host", Ports.LOOPBACK);
            settings.put("discovery.type", "single-node");
            settings.remove("discovery.seed_hosts");
            settings.remove("cluster.initial_master_nodes");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("action.auto_create_index", true);
            settings.put("bootstrap.memory_lock", false);
            for (int i = 2; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected a node setting as name=value, got: " + args[i]);
                }
                settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        });
        runner.build(ElasticsearchClusterRunner.newConfigs()
                .basePath(home.toString())
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName("sluice-test")
                .disableESLogger());
        runner.ensureYellow();
        runner.client().admin().indices().preparePutTemplate(TEMPLATE)
                .setPatterns(List.of("*"))
                .setOrder(-1)
                .setSettings(Settings.builder().put("index.number_of_replicas", 0).build())
                .get();
        System.out.println("elasticsearch ready on " + Ports.LOOPBACK + ":" + httpPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("closing elasticsearch: " + e);
            }
            stopped.countDown();
        }, "elasticsearch-shutdown"));
        stopped.await();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            return socket.getLocalPort();
        }
    }
}
