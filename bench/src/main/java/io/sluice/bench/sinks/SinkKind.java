package io.sluice.bench.sinks;

import java.util.Locale;

/** The sinks the scenario measures, with the target the issue sets for each (rows per second). */
enum SinkKind {
    REDIS("Redis", 100_000, 1_000_000),
    JDBC("JDBC (MariaDB)", 50_000, 1_000_000),
    ELASTICSEARCH("Elasticsearch", 20_000, 300_000),
    /** Issue 12 sets no rate but a ratio: 0.7 of the producer limit the scenario measures beside it. */
    KAFKA("Kafka (at-least-once)", 0, 1_000_000),
    /** Issue 12: within 80% of at-least-once. */
    KAFKA_EXACTLY_ONCE("Kafka (exactly-once)", 0, 1_000_000);

    private final String label;
    private final long target;
    private final long defaultRows;

    SinkKind(String label, long target, long defaultRows) {
        this.label = label;
        this.target = target;
        this.defaultRows = defaultRows;
    }

    String label() {
        return label;
    }

    /** Issue 4's target on a 2-core machine, in rows (documents) per second; 0 where the issue sets a ratio instead. */
    long target() {
        return target;
    }

    boolean isKafka() {
        return this == KAFKA || this == KAFKA_EXACTLY_ONCE;
    }

    long defaultRows() {
        return defaultRows;
    }

    /** The job file's sink type and the name used in file and table names. */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
