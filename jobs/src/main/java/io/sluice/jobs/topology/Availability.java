package io.sluice.jobs.topology;

import io.sluice.jobs.config.AggregateConfig;
import io.sluice.jobs.config.JobCheck;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JoinConfig;
import io.sluice.jobs.config.SinkConfig;
import io.sluice.jobs.config.SinkType;
import io.sluice.jobs.config.Startup;

import org.apache.flink.annotation.Internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What the topology builder can run, checked before anything starts: start modes that later
 * versions provide are refused only when a job uses them; each join, aggregate and sink is built
 * once so the rules between its keys (checked by the transforms and sinks modules) are reported
 * with file and line; sink {@code from} patterns must compile; aggregates read one table, join or
 * aggregate; two sinks must not share a uid.
 */
@Internal
final class Availability implements JobCheck {

    static final String NOT_YET = "is not available yet in this version of Sluice";

    private static final String STARTUPS_AVAILABLE = "earliest, latest, {file, position}, {gtid} or {timestamp}";

    @Override
    public void check(JobConfig config, Report report) {
        startup(config, report);
        joins(config.joins(), report);
        aggregates(config, report);
        sinks(config.sinks(), report);
    }

    private static void startup(JobConfig config, Report report) {
        Startup startup = config.source().startup();
        if (startup instanceof Startup.Initial) {
            report.error(config.source(), "startup", "startup mode 'initial' (a snapshot of the tables, then the "
                    + "binlog; the default when startup is not set) " + NOT_YET + "; expected " + STARTUPS_AVAILABLE);
        } else if (startup instanceof Startup.Snapshot) {
            report.error(config.source(), "startup", "startup mode 'snapshot' " + NOT_YET + "; expected "
                    + STARTUPS_AVAILABLE);
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

    private static void sinks(List<SinkConfig> sinks, Report report) {
        Map<String, Integer> uids = new HashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            SinkConfig sink = sinks.get(i);
            if (!SinkFactory.AVAILABLE.contains(sink.type())) {
                report.error(sink, "type", "sink type '" + sink.type().configName() + "' " + NOT_YET
                        + "; available: " + SinkFactory.AVAILABLE.stream().map(SinkType::configName)
                                .collect(Collectors.joining(", ")));
            }
            if (SinkFactory.AVAILABLE.contains(sink.type())) {
                try {
                    SinkFactory.create(sink);
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    report.error(sink, "", e.getMessage());
                }
            }
            from(sink, report);
            Integer first = uids.putIfAbsent(SinkFactory.uid(sink), i);
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
