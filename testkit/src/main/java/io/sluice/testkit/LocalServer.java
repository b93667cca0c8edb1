package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process owned by a test: started on a free loopback port in its own temporary
 * directory, polled until it answers, and restartable on the same port and directory.
 *
 * <p>Subclasses say how to launch the binary and how to tell that it is ready; this class owns the
 * process. Only the {@link Process} started here (and its own child processes) is ever signalled,
 * never anything found by name.
 */
public abstract class LocalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    /** How long a server may take to answer after launch. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How long a graceful stop may take before the process is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final int PORT_ATTEMPTS = 3;

    private final String name;
    private final Path directory;
    private Process process;
    private long launchOutputStart;
    private int port;
    private boolean shared;
    private boolean closed;

    LocalServer(String name, Path directory) {
        this.name = name;
        this.directory = directory;
        Processes.closeOnExit(this);
    }

    /** The command line that runs the server in the foreground on {@code port}. */
    abstract List<String> command(int port);

    /** Returns once the server on {@code port} answers; throws while it does not. */
    abstract void checkReady(int port) throws Exception;

    /** The file that receives the process's stdout and stderr. */
    abstract Path outputLog();

    private long outputLength() {
        try {
            return Files.exists(outputLog()) ? Files.size(outputLog()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + outputLog(), e);
        }
    }

    /**
     * Throws unless the running process has logged {@code line} (to {@link #outputLog}, since its
     * launch) and takes TCP connections on {@code port}: for servers that log when they are ready.
     */
    final void requireLoggedAndListening(String line, int port) throws IOException {
        byte[] log = Files.exists(outputLog()) ? Files.readAllBytes(outputLog()) : new byte[0];
        int from = (int) Math.min(launchOutputStart, log.length);
        if (!new String(log, from, log.length - from, StandardCharsets.UTF_8).contains(line)) {
            throw new IOException(name + " has not logged '" + line + "' yet");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 2000);
        }
    }

    /** What to show when the server fails to start: by default, the tail of {@link #outputLog}. */
    String diagnostics() {
        return Processes.tail(outputLog(), 40);
    }

    /**
     * Stops what the server left running beside its process once it is closed for good (e.g. the
     * Erlang port mapper a RabbitMQ node starts); nothing by default.
     */
    void afterLastStop() {}

    /** Asks the process to shut down cleanly; SIGTERM unless the server wants another signal. */
    void requestShutdown(Process running) {
        running.destroy();
    }

    /** Always {@value Ports#LOOPBACK}. */
    public final String host() {
        return Ports.LOOPBACK;
    }

    /** The port chosen at the first start, kept across restarts. */
    public final synchronized int port() {
        return port;
    }

    /** Whether the process is alive. */
    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the server and waits until it answers. The first start picks a free port (retrying on
     * another one if it was taken meanwhile); later starts reuse the port and directory.
     *
     * @throws IllegalStateException if it is already running, exits early or does not answer in
     *     {@link #START_TIMEOUT}; the message holds the tail of the server's log
     */
    public final synchronized void start() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running (pid " + process.pid() + ")");
        }
        if (port != 0) {
            launch(port);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            int candidate = Ports.freeLoopbackPort();
            try {
                launch(candidate);
                port = candidate;
                return;
            } catch (PortInUseException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("{}: port {} was taken before the server bound it, trying another", name, candidate);
            }
        }
    }

    /**
     * Stops the server gracefully (waiting up to {@link #STOP_TIMEOUT}, then killing it). Data stays
     * on disk; {@link #start()} brings it back.
     */
    public final synchronized void stop() {
        requireOwned("stop");
        stopProcess();
    }

    /** Kills the server and its child processes with SIGKILL, simulating a crash. */
    public final synchronized void kill() {
        requireOwned("kill");
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.toHandle());
        children.forEach(LocalServer::awaitExit);
        LOG.info("{}: killed pid {} on port {}", name, process.pid(), port);
    }

    /** Stops the server and deletes its directory. Does nothing for a {@code shared()} instance. */
    @Override
    public final void close() {
        if (!isShared()) {
            closeNow();
        }
    }

    @Override
    public String toString() {
        return name + "[" + host() + ":" + port + ", " + directory + "]";
    }

    /** The temporary directory this server owns and deletes on close. */
    final Path directory() {
        return directory;
    }

    /** The running process, for tests that check what was started. */
    final synchronized ProcessHandle processHandle() {
        if (process == null) {
            throw new IllegalStateException(this + " was never started");
        }
        return process.toHandle();
    }

    final synchronized void markShared() {
        shared = true;
    }

    final synchronized boolean isShared() {
        return shared;
    }

    /** Stops and deletes, also for shared servers: called by close() and the JVM shutdown hook. */
    final synchronized void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopProcess();
            afterLastStop();
        } finally {
            Processes.deleteRecursively(directory);
            Processes.forget(this);
        }
    }

    private void launch(int candidatePort) {
        long began = System.nanoTime();
        List<String> command = command(candidatePort);
        // what the server logs from here on is this launch's (command() may have run a setup tool)
        launchOutputStart = outputLength();
        try {
            process =
                    new ProcessBuilder(command)
                            .directory(directory.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputLog().toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name, e);
        }
        long deadline = began + START_TIMEOUT.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                String details = diagnostics();
                String message =
                        name + " on port " + candidatePort + " (dir " + directory + ") exited with code "
                                + process.exitValue() + " before it was ready; log tail:\n" + details;
                throw details.contains("Address already in use")
                        ? new PortInUseException(message)
                        : new IllegalStateException(message);
            }
            try {
                checkReady(candidatePort);
                LOG.info("{}: ready on {}:{} (pid {}, dir {}) after {} ms", name, host(), candidatePort,
                        process.pid(), directory, (System.nanoTime() - began) / 1_000_000);
                return;
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                awaitExit(process.toHandle());
                throw new IllegalStateException(
                        name + " on port " + candidatePort + " (dir " + directory + ") did not answer within "
                                + START_TIMEOUT.toSeconds() + "s (last error: " + lastFailure
                                + "); log tail:\n" + diagnostics(),
                        lastFailure);
            }
            sleep(100);
        }
    }

    private void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        requestShutdown(process);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: pid {} ignored the shutdown request for {}s, killing it", name,
                        process.pid(), STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
                awaitExit(process.toHandle());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + this, e);
        }
        LOG.info("{}: stopped pid {} on port {}", name, process.pid(), port);
    }

    private void requireOwned(String operation) {
        if (shared) {
            throw new IllegalStateException(
                    "cannot " + operation + " the shared " + name
                            + ": other tests use it; start your own with builder()");
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + handle.pid(), e);
        } catch (Exception e) {
            throw new IllegalStateException("pid " + handle.pid() + " did not exit after SIGKILL", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server could not bind its port because someone else took it after we probed it. */
    private static final class PortInUseException extends IllegalStateException {
        PortInUseException(String message) {
            super(message);
        }
    }
}
