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
     * Flink CDC 3.5's MySQL source ({@code StartupOptions.specificOffset}) into a sink that only
     * counts, parallelism 1. It has no stop position: its worker stops the clock when the sink has
     * counted the expected row changes and then cancels the job. It bundles an unrelocated copy of
     * the binlog client, so its worker runs on the classpath of {@code bench/flink-cdc}.
     */
    FLINK_CDC("Flink CDC 3.5", "flink-sql-connector-mysql-cdc 3.5.0 (specific offset) -> counting sink, stopped at"
            + " the expected count, Flink 1.20.5 MiniCluster, parallelism 1");

    private final String label;
    private final String description;

    BenchSystem(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name on the command line: {@code bare}, {@code sluice}, {@code flink-cdc}. */
    String option() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The system an option names, in any case, with '-' or '_'. */
    static BenchSystem ofOption(String option) {
        for (BenchSystem system : values()) {
            if (system.option().equalsIgnoreCase(option.trim().replace('_', '-'))) {
                return system;
            }
        }
        throw new IllegalArgumentException("unknown system '" + option + "'; expected one of "
                + java.util.Arrays.stream(values()).map(BenchSystem::option).toList());
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }
}
