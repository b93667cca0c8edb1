package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads job files. Everything is checked before a job starts: a file with any problem throws a
 * {@link JobConfigException} that lists all of them, each with file, line, key and what would be
 * accepted.
 *
 * <p>Scalar values may contain {@code ${env:NAME}} (an environment variable) and
 * {@code ${file:/path}} (a file's content without trailing line breaks; a relative path starts at
 * the job file's folder). Write {@code $${} for a literal {@code ${}.
 */
@PublicEvolving
public final class JobFiles {

    private JobFiles() {}

    /** Reads a job file with the process environment. */
    public static JobConfig load(Path file) {
        return load(file, List.of());
    }

    /** Reads a job file with the process environment, running extra expression checks. */
    public static JobConfig load(Path file, List<ExpressionChecker> checkers) {
        return load(file, System.getenv(), checkers);
    }

    /**
     * Reads a job file.
     *
     * @param env the variables {@code ${env:NAME}} may refer to
     * @param checkers extra expression checks, run after the built-in ones
     * @throws JobConfigException if the file cannot be read or has any problem
     */
    public static JobConfig load(Path file, Map<String, String> env, List<ExpressionChecker> checkers) {
        return load(file, env, checkers, List.of());
    }

    /**
     * Reads a job file, running extra expression checks and whole-job checks (such as the topology
     * builder's check of what it can run).
     *
     * @throws JobConfigException if the file cannot be read or has any problem
     */
    public static JobConfig load(Path file, Map<String, String> env, List<ExpressionChecker> checkers,
            List<JobCheck> jobChecks) {
        String name = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(name, "the job file does not exist");
        } catch (CharacterCodingException e) {
            throw single(name, "the job file is not UTF-8 text");
        } catch (IOException e) {
            throw single(name, "cannot read the job file: " + e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(yaml, name, env, dir == null ? Path.of("") : dir, checkers, jobChecks);
    }

    /**
     * Parses the text of a job file.
     *
     * @param fileName used in messages only
     * @param env the variables {@code ${env:NAME}} may refer to
     * @throws JobConfigException if the text has any problem
     */
    public static JobConfig parse(String yaml, String fileName, Map<String, String> env) {
        return parse(yaml, fileName, env, List.of());
    }

    /** As {@link #parse(String, String, Map)}, running extra expression checks. */
    public static JobConfig parse(String yaml, String fileName, Map<String, String> env,
            List<ExpressionChecker> checkers) {
        return parse(yaml, fileName, env, Path.of(""), checkers, List.of());
    }

    /**
     * Parses the text of a job file that was not read from a file (an argument, stdin).
     *
     * @param fileName used in messages only
     * @param env the variables {@code ${env:NAME}} may refer to
     * @param baseDir where relative {@code ${file:...}} paths start
     * @param checkers extra expression checks, run after the built-in ones
     * @param jobChecks whole-job checks, run when nothing else is wrong
     * @throws JobConfigException if the text has any problem
     */
    public static JobConfig parse(String yaml, String fileName, Map<String, String> env, Path baseDir,
            List<ExpressionChecker> checkers, List<JobCheck> jobChecks) {
        Problems problems = new Problems(fileName);
        Locations locations = new Locations(fileName);
        ParseContext ctx = new ParseContext(problems, locations, new Substitution(env, baseDir));
        Optional<JobConfig> config = JobFileParser.parse(yaml, ctx);
        boolean parseFailed = !problems.isEmpty();
        config.ifPresent(c -> problems.addAll(new JobValidator(checkers, jobChecks)
                .validate(c, locations, parseFailed)));
        if (!problems.isEmpty()) {
            throw new JobConfigException(problems.sorted());
        }
        return config.orElseThrow();
    }

    private static JobConfigException single(String file, String message) {
        return new JobConfigException(List.of(new ConfigError(file, 0, 0, "", message)));
    }
}
