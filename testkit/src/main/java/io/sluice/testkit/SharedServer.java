package io.sluice.testkit;

import java.util.function.Supplier;

/**
 * The one instance of a server type that every test in a JVM shares: started on first use,
 * started again if it is found dead, and marked shared so that no test stops, kills or closes it
 * (the JVM's exit deletes it).
 */
final class SharedServer<T extends LocalServer> {
    private final Supplier<T> start;
    private T server;

    SharedServer(Supplier<T> start) {
        this.start = start;
    }

    synchronized T get() {
        if (server == null) {
            T started = start.get();
            started.markShared();
            server = started;
        } else if (!server.isRunning()) {
            server.start();
        }
        return server;
    }
}
