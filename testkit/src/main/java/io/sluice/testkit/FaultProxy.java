package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port that injects network faults between a client under test and
 * a real server: {@link #pass()} forwards bytes both ways; {@link #blackhole()} keeps every
 * connection open but forwards nothing (a half-open network: no FIN, no reset, the peers wait);
 * {@link #reset()} drops every open connection with a TCP reset; {@link #holdOpenConnections()}
 * black-holes only the connections open now while new ones pass (a route that fails for the old
 * connections: their bytes arrive late, when {@link #pass()} releases them). New connections made
 * while the proxy is a black hole are accepted and then hang like the others.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { PASS, BLACKHOLE }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "fault-proxy-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy to {@code targetHost:targetPort}, forwarding until told otherwise. */
    public static FaultProxy start(String targetHost, int targetPort) {
        try {
            return new FaultProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a fault proxy to " + targetHost + ":" + targetPort, e);
        }
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Forwards bytes both ways again; connections held by a black hole resume. */
    public void pass() {
        mode = Mode.PASS;
        for (Link link : links) {
            link.held = false;
        }
    }

    /**
     * Stops forwarding on the connections open now, without closing them; connections opened
     * later pass. {@link #pass()} delivers what the held ones kept.
     */
    public void holdOpenConnections() {
        for (Link link : links) {
            link.held = true;
        }
    }

    /** Stops forwarding without closing anything: every peer waits for bytes that do not come. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Drops every open connection with a TCP reset; new connections are forwarded as the mode says. */
    public void reset() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                Link link = new Link();
                links.add(link);
                pump(client, server, link, "up");
                pump(server, client, link, "down");
            } catch (IOException e) {
                if (!closed) {
                    // the target refused: the client sees its connection closed
                    continue;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, Link link, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    while ((mode == Mode.BLACKHOLE || link.held) && !closed) {
                        Thread.sleep(20); // neither read nor write: the bytes wait in the kernel buffers
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    while ((mode == Mode.BLACKHOLE || link.held) && !closed) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException ignored) {
                // reset or closed
            } catch (IOException | InterruptedException ignored) {
                // the connection is over
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                links.remove(link);
            }
        }, "fault-proxy-" + port() + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly2(listener);
        reset();
    }

    private static void closeQuietly2(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One proxied connection's state. */
    private static final class Link {
        volatile boolean held;
    }
}
