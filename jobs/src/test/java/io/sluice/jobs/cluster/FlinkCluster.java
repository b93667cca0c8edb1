package io.sluice.jobs.cluster;

import io.sluice.testkit.Ports;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Flink standalone session cluster in two child JVMs, assembled from Maven jars the way Flink's
 * own scripts start a distribution: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * one TaskManager ({@code TaskManagerRunner}) with two slots, on the classpath of a Flink
 * distribution's {@code lib/}, with Flink's {@code --add-opens} options and the memory settings that
 * {@code BashJavaUtils} computes from the generated {@code config.yaml}.
 *
 * <p>Everything it writes (configuration, logs, blobs, uploaded jars, checkpoints, savepoints) stays
 * under its directory. {@link #close()} stops both JVMs it started, by their process handles.
 */
final class FlinkCluster implements AutoCloseable {

    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    /** How BashJavaUtils marks its result lines among its log output. */
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final int SLOTS = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final FlinkDistribution distribution;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    /** The TaskManagers by resource id. */
    private final java.util.Map<String, Process> taskManagers = new java.util.LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses, "flink-cluster-cleanup");
    private FlinkRest rest;

    private FlinkCluster(Path dir, FlinkDistribution distribution, int restPort) {
        this.dir = dir;
        this.distribution = distribution;
        this.restPort = restPort;
    }

    /**
     * Starts a JobManager, waits for its REST API, starts a TaskManager and waits until its slots
     * are registered. Stops whatever it started if any step fails.
     */
    static FlinkCluster start(Path dir, FlinkDistribution distribution) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        FlinkCluster cluster = new FlinkCluster(dir, distribution, Ports.freeLoopbackPort());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.writeConfig(Ports.freeLoopbackPort());
            cluster.launch("jobmanager", JOB_MANAGER, cluster.resourceParams("GET_JM_RESOURCE_PARAMS"),
                    List.of("--executionMode", "cluster"));
            cluster.rest = new FlinkRest(cluster.restAddress());
            cluster.awaitOverview("the JobManager's REST API", overview -> true);
            cluster.startTaskManager("tm-1");
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts another TaskManager with this resource id and waits until its slots are registered.
     * The first one ({@code tm-1}) logs to {@code taskmanager.*}, later ones to
     * {@code taskmanager-<id>.*}.
     */
    void startTaskManager(String resourceId) throws IOException, InterruptedException {
        String name = taskManagers.isEmpty() ? "taskmanager" : "taskmanager-" + resourceId;
        Process process = launch(name, TASK_MANAGER, resourceParams("GET_TM_RESOURCE_PARAMS"),
                List.of("-D", "taskmanager.resource-id=" + resourceId));
        taskManagers.put(resourceId, process);
        int slots = SLOTS * (int) taskManagers.values().stream().filter(Process::isAlive).count();
        awaitOverview(slots + " registered slots", overview -> overview.path("slots-total").asInt() == slots);
    }

    /** Kills a TaskManager's JVM with SIGKILL ({@code kill -9}): no shutdown hook, no goodbye to the JobManager. */
    void killTaskManager(String resourceId) throws InterruptedException {
        Process process = taskManagers.get(resourceId);
        if (process == null) {
            throw new IllegalArgumentException("no TaskManager " + resourceId + "; started: " + taskManagers.keySet());
        }
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("TaskManager " + resourceId + " still runs after SIGKILL");
        }
    }

    /** {@code http://127.0.0.1:<rest.port>}: the REST API and the web UI. */
    String restAddress() {
        return "http://" + Ports.LOOPBACK + ":" + restPort;
    }

    FlinkRest rest() {
        return rest;
    }

    /** The cluster's {@code state.savepoints.dir}. */
    Path savepointsDir() {
        return dir.resolve("savepoints");
    }

    /** The end of both JVMs' logs and console output, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("jobmanager", "taskmanager")) {
            text.append("\n--- ").append(name).append(".log (end) ---\n").append(tail(log(name, "log"), 40))
                    .append("\n--- ").append(name).append(".out (end) ---\n").append(tail(log(name, "out"), 20));
        }
        return text.toString();
    }

    /** Stops the TaskManager, then the JobManager: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook runs (or ran) anyway
        }
    }

    /**
     * The generated {@code config.yaml}. The REST and JobManager RPC ports must be known in advance
     * (clients and the TaskManager connect to them), so they are free ports picked here; every
     * other port is 0, which the OS assigns without any race.
     */
    private void writeConfig(int rpcPort) throws IOException {
        List<String> lines = List.of(
                "jobmanager.rpc.address: " + Ports.LOOPBACK,
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: " + Ports.LOOPBACK,
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.host: " + Ports.LOOPBACK,
                "taskmanager.bind-host: " + Ports.LOOPBACK,
                "taskmanager.rpc.port: 0",
                "taskmanager.data.port: 0",
                "taskmanager.numberOfTaskSlots: " + SLOTS,
                // 1 GB, with small managed and network memory so the task heap gets ~220 MB.
                "taskmanager.memory.process.size: 1024m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.network.min: 32m",
                "taskmanager.memory.network.max: 32m",
                "blob.server.port: 0",
                "rest.address: " + Ports.LOOPBACK,
                "rest.bind-address: " + Ports.LOOPBACK,
                "rest.port: " + restPort,
                "metrics.internal.query-service.port: 0",
                // The TaskManager retries an unreachable ResourceManager after this delay (default 10 s).
                "cluster.registration.error-delay: 1 s",
                // a TaskManager killed without a goodbye is given up after 10 s (default 50 s)
                "heartbeat.interval: 2 s",
                "heartbeat.timeout: 10 s",
                "state.checkpoints.dir: " + dir.resolve("checkpoints").toUri(),
                "state.savepoints.dir: " + savepointsDir().toUri(),
                "io.tmp.dirs: " + dir.resolve("tmp"),
                "blob.storage.directory: " + dir.resolve("blobs"),
                "web.upload.dir: " + dir.resolve("uploads"),
                "web.tmpdir: " + dir.resolve("web"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("uploads"));
        Files.write(dir.resolve("conf/config.yaml"), lines, StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code BashJavaUtils <command> --configDir conf} as Flink's {@code jobmanager.sh} and
     * {@code taskmanager.sh} do. Its two result lines are the JVM options ({@code -Xmx.. -Xms..
     * -XX:MaxDirectMemorySize=..}) and the dynamic properties ({@code -D key=value ...}) that the
     * process is then started with.
     */
    private MemoryParams resourceParams(String command) throws IOException, InterruptedException {
        Path output = dir.resolve("log/" + command + ".out");
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp", distribution.classpath(), BASH_JAVA_UTILS,
                command, "--configDir", dir.resolve("conf").toString()));
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(command + " did not finish in 60 s: " + tail(output, 20));
        }
        List<String> results = Files.readAllLines(output).stream().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length()).trim()).toList();
        if (process.exitValue() != 0 || results.size() != 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " exited with " + process.exitValue()
                    + " and " + results.size() + " result lines (expected 2):\n" + tail(output, 20));
        }
        return new MemoryParams(words(results.get(0)), words(results.get(1)));
    }

    private Process launch(String name, String mainClass, MemoryParams memory, List<String> extraArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(distribution.jvmOptions());
        cmd.addAll(memory.jvmOptions());
        cmd.add("-Dlog.file=" + log(name, "log"));
        cmd.add("-Dlog4j2.configurationFile=" + distribution.logConfig().toUri());
        cmd.addAll(List.of("-cp", distribution.classpath(), mainClass, "--configDir", dir.resolve("conf").toString()));
        cmd.addAll(extraArgs);
        cmd.addAll(memory.dynamicProperties());
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log(name, "out").toFile()).start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    private void awaitOverview(String what, Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            synchronized (processes) {
                for (Process process : processes) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("a Flink JVM exited with code " + process.exitValue()
                                + " while waiting for " + what + describe());
                    }
                }
            }
            try {
                if (ready.test(rest.get("/overview"))) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no " + what + " at " + restAddress() + " within " + START_TIMEOUT
                + " (last error: " + last + ")" + describe());
    }

    private void stopProcesses() {
        List<Process> started;
        synchronized (processes) {
            started = new ArrayList<>(processes);
            processes.clear();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            stop(started.get(i));
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private Path log(String name, String extension) {
        return dir.resolve("log/" + name + "." + extension);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static String tail(Path file, int maxLines) {
        if (!Files.exists(file)) {
            return "(" + file + " does not exist)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            int size = (int) Math.min(raf.length(), 32 * 1024);
            byte[] bytes = new byte[size];
            raf.seek(raf.length() - size);
            raf.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - maxLines), lines.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What BashJavaUtils computed for one process. */
    private record MemoryParams(List<String> jvmOptions, List<String> dynamicProperties) {}
}
