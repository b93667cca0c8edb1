package io.sluice.sinks.common;

import io.sluice.event.Event;
import io.sluice.testkit.FaultProxy;
import io.sluice.testkit.LocalServer;

import org.apache.flink.api.connector.sink2.Sink;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a test job while the network to its sink's server, or the server itself, fails. */
public final class NetworkFaults {
    private NetworkFaults() {}

    /**
     * Runs the job; {@code after} it started, the proxy passes nothing (connections stay open,
     * bytes wait) for {@code length}, then passes again. The job must end by itself, neither
     * failing nor stalling.
     */
    public static void blackholeWhileRunning(FaultProxy proxy, TestJobs.Run run, Sink<Event> sink, Duration after,
            Duration length) throws Exception {
        whileRunning(run, sink, after, () -> {
            proxy.blackhole();
            Thread.sleep(length.toMillis());
            proxy.pass();
        });
    }

    /** Runs the job; {@code after} it started, every open connection through the proxy is reset. */
    public static void resetWhileRunning(FaultProxy proxy, TestJobs.Run run, Sink<Event> sink, Duration after)
            throws Exception {
        whileRunning(run, sink, after, proxy::reset);
    }

    /**
     * Runs the job; {@code after} it started, the server is killed ({@code kill -9}) and started
     * again {@code downFor} later. The job must end by itself, neither failing nor stalling.
     */
    public static void killedWhileRunning(LocalServer server, TestJobs.Run run, Sink<Event> sink, Duration after,
            Duration downFor) throws Exception {
        whileRunning(run, sink, after, () -> {
            server.kill();
            Thread.sleep(downFor.toMillis());
            server.start();
        });
    }

    /** What a fault does to the network. */
    @FunctionalInterface
    private interface Fault {
        void strike() throws Exception;
    }

    private static void whileRunning(TestJobs.Run run, Sink<Event> sink, Duration after, Fault fault)
            throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread job = new Thread(() -> {
            try {
                run.execute(sink);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "job under a network fault");
        job.start();
        Thread.sleep(after.toMillis());
        if (!job.isAlive()) {
            throw new AssertionError("the job ended before the fault; give it more events or a lower rate", failure.get());
        }
        fault.strike();
        job.join(Duration.ofMinutes(3).toMillis());
        if (job.isAlive()) {
            job.interrupt();
            throw new AssertionError("the job still runs 3 minutes after the network came back: it stalled");
        }
        if (failure.get() != null) {
            throw new AssertionError("the job failed instead of riding out the fault", failure.get());
        }
    }
}
