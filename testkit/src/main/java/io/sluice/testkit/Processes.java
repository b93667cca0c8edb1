package io.sluice.testkit;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small process and file helpers shared by the server launchers. */
final class Processes {

    private static final Set<LocalServer> OPEN_SERVERS = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private Processes() {}

    /**
     * Returns the first executable among {@code candidates}, then {@code name} on the PATH.
     *
     * @throws IllegalStateException with {@code name + " not found: " + hint} if there is none
     */
    static Path findExecutable(String name, List<Path> candidates, String hint) {
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new IllegalStateException(name + " not found: " + hint);
    }

    /**
     * Runs a command to completion with its output in {@code log}; throws with the log's tail if
     * it fails or outlives {@code timeout}.
     */
    static void run(List<String> command, Path workDir, Path log, Duration timeout) {
        Process process;
        try {
            process =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        command.get(0) + " did not finish in " + timeout.toSeconds() + "s\n"
                                + tail(log, 30));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed with exit code " + process.exitValue()
                            + "\n" + tail(log, 80));
        }
    }

    /** The last {@code maxLines} lines of a text file, or a note saying it does not exist. */
    static String tail(Path file, int maxLines) {
        if (!Files.exists(file)) {
            return "(" + file + " does not exist)";
        }
        // Logs can grow large in long tests: read only the end.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            int from = Math.max(0, lines.length - maxLines);
            return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Deletes a directory tree; missing files are not an error. */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Whether this JVM runs with effective user id 0 ({@code /proc/self} belongs to it). */
    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Remembers a server so that a JVM shutdown hook closes it if the test never did; without
     * this, a forgotten server would outlive the test JVM.
     */
    static synchronized void closeOnExit(LocalServer server) {
        if (!hookInstalled) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(Processes::closeAll, "sluice-testkit-cleanup"));
            hookInstalled = true;
        }
        OPEN_SERVERS.add(server);
    }

    static synchronized void forget(LocalServer server) {
        OPEN_SERVERS.remove(server);
    }

    private static void closeAll() {
        List<LocalServer> servers;
        synchronized (Processes.class) {
            servers = new ArrayList<>(OPEN_SERVERS);
        }
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).closeNow();
            } catch (RuntimeException e) {
                // Logging may already be shut down at this point.
                System.err.println("sluice-testkit: cannot close " + servers.get(i) + ": " + e);
            }
        }
    }
}
