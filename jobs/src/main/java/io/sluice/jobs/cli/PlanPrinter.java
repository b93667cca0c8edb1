package io.sluice.jobs.cli;

import io.sluice.jobs.config.Durations;
import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobSettings;
import io.sluice.jobs.config.SourceConfig;
import io.sluice.core.table.TablePattern;
import io.sluice.jobs.runner.LocalRunner;
import io.sluice.jobs.topology.PlannedOperator;
import io.sluice.jobs.topology.TopologyBuilder;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** Prints what a job will do: its settings, what the source reads, and the operators with their uids. */
final class PlanPrinter {

    private final PrintStream out;

    PlanPrinter(PrintStream out) {
        this.out = out;
    }

    void print(JobConfig config) {
        JobSettings job = config.job();
        out.println("job " + job.name());
        out.println("  parallelism      " + job.parallelism());
        out.println("  checkpoints      every " + Durations.format(job.checkpoint().interval()) + ", "
                + job.checkpoint().mode() + ", in " + job.checkpoint().directory()
                        .orElse(LocalRunner.DEFAULT_CHECKPOINT_ROOT.resolve(job.name()) + " (local runs)"));
        out.println("  restart          " + job.restart());
        out.println("  state backend    " + job.stateBackend());
        SourceConfig source = config.source();
        out.println("source " + source.type().configName() + " " + source.username() + "@" + source.hostname() + ":"
                + source.port() + ", server-id " + source.serverId());
        out.println("  tables           " + patterns(source.tables()));
        out.println("  exclude          " + patterns(source.exclude()));
        out.println("  startup          " + source.startup());
        out.println("  stop at          " + source.stopAt().map(Object::toString).orElse("never (runs until stopped)"));
        List<PlannedOperator> plan = new TopologyBuilder(config).plan();
        int nameWidth = plan.stream().mapToInt(o -> o.name().length()).max().orElse(0);
        int uidWidth = plan.stream().mapToInt(o -> o.uid().length()).max().orElse(0);
        out.println("operators (name, uid, parallelism)");
        for (PlannedOperator op : plan) {
            out.println("  " + pad(op.name(), nameWidth) + "  " + pad(op.uid(), uidWidth) + "  " + op.parallelism()
                    + "  " + op.detail());
        }
    }

    private static String patterns(List<TablePattern> patterns) {
        return patterns.isEmpty() ? "-" : patterns.stream().map(TablePattern::regex).collect(Collectors.joining(", "));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
