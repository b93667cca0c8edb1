package io.sluice.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ./sluice} launcher run as a separate process in a work folder (where it keeps
 * {@code .sluice/}), with stdout and stderr captured to files. The launcher execs java, so
 * {@link #kill()} is a real crash of the JVM.
 */
final class SluiceProcess implements AutoCloseable {

    static final Path LAUNCHER = Path.of("..", "sluice").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "sluice.jar");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path log;

    private SluiceProcess(Process process, Path stdout, Path stderr, Path log) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.log = log;
    }

    static SluiceProcess start(Path workDir, String name, String... args) throws IOException {
        assertThat(JAR).as("the shaded jar; integration tests run after mvn package").exists();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path stdout = workDir.resolve(name + ".stdout");
        Path stderr = workDir.resolve(name + ".stderr");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new SluiceProcess(process, stdout, stderr, workDir.resolve(".sluice/logs/sluice.log"));
    }

    /** Waits for the exit code; kills the process and fails after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("sluice did not exit within " + timeout + "; " + describe());
        }
        return process.exitValue();
    }

    /** SIGTERM: what Ctrl-C does (SIGINT is ignored by background processes of a script). */
    void stop() {
        process.destroy();
    }

    /** SIGKILL: a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Its stderr and the end of its log, for assertion messages. */
    String describe() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return "stderr:\n" + stderr() + "\nlog (last 60 lines):\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
