package io.sluice.bench.cdc;

import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSourceBuilder;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * The table a Flink CDC worker reads, as the runner passes it (six arguments: host port user
 * password database table), and the pieces every worker builds on it.
 */
record CdcTable(String host, int port, String user, String password, String database, String table) {

    static CdcTable fromArgs(String[] args, int from) {
        return new CdcTable(args[from], Integer.parseInt(args[from + 1]), args[from + 2], args[from + 3],
                args[from + 4], args[from + 5]);
    }

    /** A source builder for this one table, server time zone UTC; the caller adds the rest. */
    MySqlSourceBuilder<Integer> sourceBuilder() {
        return MySqlSource.<Integer>builder()
                .hostname(host)
                .port(port)
                .username(user)
                .password(password)
                .databaseList(database)
                .tableList(database + "." + table)
                .serverTimeZone("UTC");
    }

    /** Starts a local cluster of one TaskManager with {@code slots} slots, before any clock starts. */
    static MiniCluster startCluster(Configuration conf, int slots) throws Exception {
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .withRandomPorts()
                .build());
        cluster.start();
        return cluster;
    }
}
