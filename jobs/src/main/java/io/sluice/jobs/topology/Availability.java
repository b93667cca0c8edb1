package io.sluice.jobs.topology;

import io.sluice.jobs.config.AggregateConfig;
import io.sluice.jobs.config.JobCheck;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JoinConfig;
import io.sluice.jobs.config.ServerIdRange;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.jobs.config.SourceConfig;

import io.sluice.source.position.StartupMode;

import org.apache.flink.annotation.Internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What the topology builder can run, checked before anything starts: a snapshot has a server id
 * for each of its readers; each join, aggregate and sink is built
 * once so the rules between its keys (checked by the transforms and sinks modules) are reported
 * with file and line; sink {@code from} patterns must compile; aggregates read one table, join or
 * aggregate; two sinks must not share a uid.
 */
@Internal
final class Availability implements JobCheck {

    @Override
    public void check(JobConfig config, Report report) {
        startup(config, report);
        joins(config.joins(), report);
        aggregates(config, report);
        sinks(config.sinks(), config.job().name(), report);
    }

    /**
     * A snapshot reads with as many readers as the job's parallelism, and each reader needs a
     * server id of its own for the short binlog reads between its chunks' watermarks.
     */
    private static void startup(JobConfig config, Report report) {
        SourceConfig source = config.source();
        newlyAddedTables(config, report);
        if (!source.startup().snapshotsTables()) {
            return;
        }
        int readers = config.job().parallelism();
        ServerIdRange ids = source.serverId();
        if (ids.size() < readers) {
            report.error(source, "server-id", "startup mode '" + source.startup() + "' reads the tables with "
                    + readers + " readers (the job's parallelism), each with a server id of its own, but "
                    + "server-id gives " + ids.size() + "; expected a range of at least " + readers + " ids, e.g. "
                    + ids.start() + "-" + (ids.start() + readers - 1) + ", each unique among the server's replicas "
                    + "and CDC clients");
        }
        if (source.startup().mode() == StartupMode.SNAPSHOT && source.stopAt().isPresent()) {
            report.error(source, "stop-at", "stop-at does not apply to startup mode 'snapshot', which reads the "
                    + "tables and stops; expected no stop-at, or startup 'initial' to read the binlog after the "
                    + "snapshot up to stop-at");
        }
    }

    /**
     * Snapshots of tables that appear later run while the job streams the binlog, with every
     * reader: they need an unbounded source, and a server id per reader.
     */
    private static void newlyAddedTables(JobConfig config, Report report) {
        SourceConfig source = config.source();
        if (!source.scanNewlyAddedTables()) {
            return;
        }
        if (source.startup().mode() == StartupMode.SNAPSHOT) {
            report.error(source, "scan-newly-added-tables", "scan-newly-added-tables does not apply to startup "
                    + "mode 'snapshot', which reads the tables once and stops; expected false, or a startup mode "
                    + "that reads the binlog such as 'initial'");
        } else if (source.stopAt().isPresent()) {
            report.error(source, "scan-newly-added-tables", "scan-newly-added-tables does not apply to a bounded "
                    + "run with stop-at; expected false, or no stop-at");
        }
        int readers = config.job().parallelism();
        ServerIdRange ids = source.serverId();
        if (!source.startup().snapshotsTables() && ids.size() < readers) {
            report.error(source, "server-id", "scan-newly-added-tables snapshots tables that appear later with "
                    + readers + " readers (the job's parallelism), each with a server id of its own, but "
                    + "server-id gives " + ids.size() + "; expected a range of at least " + readers + " ids, e.g. "
                    + ids.start() + "-" + (ids.start() + readers - 1) + ", each unique among the server's replicas "
                    + "and CDC clients");
        }
    }

    private static void joins(List<JoinConfig> joins, Report report) {
        for (JoinConfig join : joins) {
            try {
                TransformSpecs.join(join);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                report.error(join, "", e.getMessage());
            }
        }
    }

    private static void aggregates(JobConfig config, Report report) {
        for (AggregateConfig aggregate : config.aggregates()) {
            String from = aggregate.from();
            if (!TableSelector.isTableName(from) && config.join(from).isEmpty() && config.aggregate(from).isEmpty()) {
                report.error(aggregate, "from", "an aggregate reads one table, a join or an aggregate, not a "
                        + "pattern ('" + aggregate.from() + "'); route the tables into one logical table (routes: "
                        + "[{from: \"" + aggregate.from() + "\", to: db.table}]) and aggregate that");
            }
            try {
                TransformSpecs.aggregate(aggregate);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                report.error(aggregate, "", e.getMessage());
            }
        }
    }

    private static void sinks(List<SinkConfig> sinks, String jobName, Report report) {
        Map<String, Integer> uids = new HashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            SinkConfig sink = sinks.get(i);
            try {
                SinkOperators.create(sink, jobName);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                report.error(sink, "", e.getMessage());
            }
            from(sink, report);
            Integer first = uids.putIfAbsent(SinkOperators.uid(sink), i);
            if (first != null) {
                report.error(sink, "", "this sink has the same type, from and target as sinks[" + first + "], so "
                        + "their operators would share a uid; give each of them a distinct name");
            }
        }
    }

    private static void from(SinkConfig sink, Report report) {
        String from = sink.from();
        if (from.isEmpty() || TableSelector.isTableName(from) || from.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return; // tables and join/aggregate names are checked by the validator
        }
        try {
            Pattern.compile(from);
        } catch (PatternSyntaxException e) {
            report.error(sink, "from", "invalid table pattern '" + from + "': " + e.getDescription()
                    + " near index " + e.getIndex() + "; expected a table (db.table), a regex on db.table such as "
                    + "shop\\..*, a join name or an aggregate name");
        }
    }
}
