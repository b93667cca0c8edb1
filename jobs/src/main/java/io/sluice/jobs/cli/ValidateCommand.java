package io.sluice.jobs.cli;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobConfigException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code sluice validate}: checks a job file and prints its plan, without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a job file and prints the plan (source tables, operators, sinks) without running it.",
            "Exit codes: 0 valid, 2 invalid (each problem is printed with file, line and key)."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Sluice sluice;

    @Spec
    CommandSpec spec;

    @Mixin
    JobInput input = new JobInput();

    @Override
    public Integer call() throws Exception {
        String problem = input.problem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        JobConfig job;
        try {
            job = input.load(sluice.in);
        } catch (JobConfigException e) {
            printProblems(sluice.err, input, e);
            return Sluice.INVALID;
        }
        sluice.out.println(input.describe() + ": valid");
        sluice.out.println();
        new PlanPrinter(sluice.out).print(job);
        return 0;
    }

    static void printProblems(PrintStream err, JobInput input, JobConfigException e) {
        err.println(e.getMessage());
        int count = e.errors().size();
        err.println("sluice: " + input.describe() + " has " + count + (count == 1 ? " problem" : " problems")
                + "; nothing was started");
    }
}
