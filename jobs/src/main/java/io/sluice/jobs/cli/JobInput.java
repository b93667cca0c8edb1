package io.sluice.jobs.cli;

import io.sluice.jobs.config.JobConfig;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.topology.TopologyBuilder;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the job file comes from: a path, {@code -} for stdin, or {@code --job-yaml} with the
 * content itself (for a cluster where the file is not present).
 */
final class JobInput {

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB.yaml",
            description = "The job file, or - to read it from stdin.")
    String file;

    @Option(names = "--job-yaml", paramLabel = "YAML",
            description = "The job file's content instead of a path (e.g. where the file is not present).")
    String content;

    /** Checks that exactly one source was given; returns what is wrong, or null. */
    String problem() {
        if (file == null && content == null) {
            return "no job given: pass a job file (JOB.yaml), - to read it from stdin, or --job-yaml with its content";
        }
        if (file != null && content != null) {
            return "pass either a job file or --job-yaml, not both";
        }
        return null;
    }

    /** A short name of the input for messages. */
    String describe() {
        return content != null ? "<--job-yaml>" : "-".equals(file) ? "<stdin>" : file;
    }

    /**
     * Reads and checks the job, including what this version can run.
     *
     * @throws io.sluice.jobs.config.JobConfigException listing every problem
     */
    JobConfig load(InputStream stdin) throws IOException {
        Path here = Path.of("").toAbsolutePath();
        if (content != null) {
            return JobFiles.parse(content, describe(), System.getenv(), here, List.of(),
                    TopologyBuilder.CHECKS);
        }
        if ("-".equals(file)) {
            String yaml = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            return JobFiles.parse(yaml, describe(), System.getenv(), here, List.of(),
                    TopologyBuilder.CHECKS);
        }
        return JobFiles.load(Path.of(file), System.getenv(), List.of(),
                TopologyBuilder.CHECKS);
    }
}
