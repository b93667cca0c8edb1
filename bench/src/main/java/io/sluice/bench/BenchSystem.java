package io.sluice.bench;

/**
 * The systems a scenario compares. Each one is measured in a JVM of its own, so that one's JIT,
 * heap and threads do not colour another's figures.
 */
enum BenchSystem {
    /** mysql-binlog-connector-java with a listener that only counts rows: the ceiling. */
    BARE("bare client", "mysql-binlog-connector-java 0.30.1, no-op listener"),

    /** Sluice's BinlogSource into a DiscardingSink on a local Flink cluster, parallelism 1. */
    SLUICE("Sluice", "BinlogSource -> DiscardingSink, Flink 1.20.5 MiniCluster, parallelism 1"),

    /**
     * Flink CDC 3.5's MySQL source into a DiscardingSink (issue 7, scenario 1, third system).
     *
     * <p>Not measured yet. It bundles an unrelocated copy of the binlog client, so its worker must
     * run on a classpath of its own: a binlog worker belongs in {@code bench/flink-cdc} next to the
     * snapshot scenario's {@code FlinkCdcSnapshotWorker}, and {@link WorkerLauncher#classpathOf}
     * must then return that build's {@code target/classes} and {@code target/classpath.txt}.
     */
    FLINK_CDC("Flink CDC 3.5", "flink-sql-connector-mysql-cdc 3.5.0 -> DiscardingSink (not built yet)");

    private final String label;
    private final String description;

    BenchSystem(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    boolean available() {
        return this != FLINK_CDC;
    }
}
