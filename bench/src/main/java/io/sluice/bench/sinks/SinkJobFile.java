package io.sluice.bench.sinks;

import io.sluice.testkit.MariaDbServer;

/**
 * The job file of one measured sink, as a user would write it: a bounded binlog source (the
 * range's start and stop positions) on one table, and one sink reading that table. The job
 * module's topology keys the changes by (table, primary key) before the sink.
 */
final class SinkJobFile {
    private static final long SERVER_ID = 7400;

    private SinkJobFile() {}

    /**
     * @param parallelism the job's parallelism: the sink's writers (the binlog reader is always one)
     * @param checkpointInterval a job-file duration such as {@code 10s}
     */
    static String yaml(SinkKind kind, MariaDbServer source, SourceRows.Range range, Targets targets, int parallelism,
            String checkpointInterval) {
        String from = range.database() + "." + range.table();
        return "job:\n"
                + "  name: sinkbench-" + kind.configName() + "\n"
                + "  parallelism: " + parallelism + "\n"
                + "  checkpoint: {interval: " + checkpointInterval + "}\n"
                + "  restart: none\n"
                + "source:\n"
                + "  hostname: " + source.host() + "\n"
                + "  port: " + source.port() + "\n"
                + "  username: " + source.user() + "\n"
                + (source.password().isEmpty() ? "" : "  password: \"" + source.password() + "\"\n")
                + "  server-id: " + SERVER_ID + "\n"
                + "  tables: '" + range.database() + "\\." + range.table() + "'\n"
                + "  startup: {file: " + range.startFile() + ", position: " + range.startPosition() + "}\n"
                + "  stop-at: {file: " + range.endFile() + ", position: " + range.endPosition() + "}\n"
                + "sinks:\n"
                + targets.sinkEntry(kind, from);
    }
}
