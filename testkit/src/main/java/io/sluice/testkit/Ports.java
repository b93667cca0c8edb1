package io.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface for servers started by the test kit. */
public final class Ports {

    /** The only address test servers listen on. */
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago. Another process may take it before
     * the server binds it; {@link LocalServer} retries on a new port when that happens.
     */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a free port on " + LOOPBACK, e);
        }
    }
}
