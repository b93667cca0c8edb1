package io.sluice.jobs.cli;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobConfigException;
import io.sluice.jobs.runner.ClusterRunner;
import io.sluice.jobs.runner.LocalRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sluice run}: runs a job locally (MiniCluster and web UI), or on the Flink cluster that runs this program. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Runs a job. Under plain java (./sluice) it runs on a local Flink MiniCluster with the web UI "
                + "on 127.0.0.1 and resumes from the job's latest checkpoint; under Flink (flink run, or a jar "
                + "uploaded through the web UI) it is submitted to that cluster.",
            "Exit codes: 0 a bounded job finished, 1 the job failed, 2 invalid job file or arguments, "
                + "130 stopped by Ctrl-C."})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Sluice sluice;

    @Spec
    CommandSpec spec;

    @Mixin
    JobInput input = new JobInput();

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Port of the local web UI on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where the job's checkpoints are kept (default: job.checkpoint.dir, else "
                    + ".sluice/checkpoints/<job name>).")
    Path checkpointDir;

    @Option(names = "--from-scratch",
            description = "Start at the job's startup position even if a checkpoint exists (local runs).")
    boolean fromScratch;

    @Override
    public Integer call() throws Exception {
        String problem = input.problem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        if (webPort < 0 || webPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--web-port " + webPort + " is not a port; expected 0 to 65535");
        }
        JobConfig job;
        try {
            job = input.load(sluice.in);
        } catch (JobConfigException e) {
            ValidateCommand.printProblems(sluice.err, input, e);
            return Sluice.INVALID;
        }
        if (ClusterRunner.insideFlink()) {
            return new ClusterRunner(job, Optional.ofNullable(checkpointDir).map(Path::toString), sluice.err).run();
        }
        return new LocalRunner(job, new LocalRunner.Options(webPort, Optional.ofNullable(checkpointDir), fromScratch),
                sluice.err).run();
    }
}
