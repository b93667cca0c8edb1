package io.sluice.source.binlog;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.schema.RowDecoder;
import io.sluice.source.schema.SchemaTracker;
import io.sluice.source.server.ServerErrors;
import io.sluice.source.server.SourceServer;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the binlog on a thread of its own and hands batches of records to the reader through a
 * bounded queue (back-pressure: the thread waits when the reader falls behind).
 *
 * <p>A dropped connection or a silent one (no event or heartbeat for three heartbeat intervals) is
 * reconnected with backoff, from the position after the last record handed over, so the reader
 * sees no gap and no repeat. Errors retrying cannot fix end the stream and are rethrown to the
 * reader by {@link #poll}.
 */
@Internal
public final class BinlogStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogStream.class);
    private static final int BATCH_SIZE = 2048;
    private static final int QUEUE_BATCHES = 16;

    private final BinlogSourceConfig config;
    private final SourceServer server;
    private final SchemaTracker schemas;
    private final EventDecoder decoder;
    private final BlockingQueue<List<SourceRecord>> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread thread;
    private final AtomicLong reconnects = new AtomicLong();

    private volatile boolean closing;
    private volatile boolean done;
    private volatile Throwable failure;
    private volatile BinaryLogClient client;
    private volatile long lastEventMillis;
    /** True while the binlog thread hands an event's records over, which waits while the job is back-pressured. */
    private volatile boolean handingOver;
    private boolean everConnected;

    private List<SourceRecord> batch = new ArrayList<>(BATCH_SIZE);
    /** Where the stream resumes after a lost connection: the start, until a record moves it. */
    private final BinlogPosition start;
    private SourceRecord lastHandedOver;
    private Throwable connectionError;

    public BinlogStream(BinlogSourceConfig config, BinlogPosition start, BinlogPosition stop, Map<TableId, TableSchema> schemas) {
        this(config, new BinlogSplit(start, stop, schemas));
    }

    /** Reads the split: from its start, with its schemas and its prepared XA transactions. */
    public BinlogStream(BinlogSourceConfig config, BinlogSplit split) {
        BinlogPosition start = split.start();
        this.config = config;
        this.server = new SourceServer(config);
        this.schemas = new SchemaTracker(config, server.connection(), split.schemas());
        this.decoder = new EventDecoder(this.schemas, start, split.stop(), split.preparedXa(), config.xaMaxRows(),
                config.xaUnknownCommit(), server::checkBinlogSettings, this::accept);
        this.start = start;
        this.thread = new Thread(this::run, "sluice-binlog-" + config.hostname() + ":" + config.port());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * The next batch, or null when none arrived within the timeout. Throws the stream's failure.
     * After the stop position, returns the last batches and then null with {@link #isDone()}.
     */
    public List<SourceRecord> poll(long timeoutMillis) throws InterruptedException {
        List<SourceRecord> next = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (next == null && failure != null) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            throw new SluiceSourceException("binlog stream failed: " + failure.getMessage(), failure);
        }
        return next;
    }

    /** True when the stop position was reached and every record was handed over. */
    public boolean isDone() {
        return done && queue.isEmpty();
    }

    public long reconnects() {
        return reconnects.get();
    }

    /** Wakes a blocked {@link #poll}. */
    public void wakeUp() {
        queue.offer(List.of());
    }

    private void run() {
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handle(Reconnect.class)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .withMaxDuration(config.reconnectTimeout())
                .withMaxRetries(-1)
                .onRetry(e -> LOG.warn("cannot connect to the binlog of {}:{} ({}); attempt {} in {} ms",
                        config.hostname(), config.port(), e.getLastException().getMessage(), e.getAttemptCount() + 1,
                        e.getElapsedTime().toMillis()))
                .build();
        openMetadataConnectionAside();
        try {
            // No settings check here: the enumerator checked them before a fresh start, and the decoder
            // checks every row event (a session may override the server's settings at any time).
            // one retry budget per outage: a connection that streamed and then broke starts a fresh one
            while (true) {
                try {
                    Failsafe.with(retry).run(this::streamOnce);
                    break;
                } catch (FailsafeException e) {
                    if (!(e.getCause() instanceof LostAfterStreaming lost)) {
                        throw e;
                    }
                    LOG.warn("binlog connection to {}:{} lost ({}); reconnecting from {}",
                            config.hostname(), config.port(), lost.getMessage(), handedOver());
                }
            }
            flush();
            done = true;
            // a reader blocked in poll() learns at once that nothing more comes
            wakeUp();
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            fail(cause instanceof Reconnect
                    ? new SluiceSourceException(
                            "lost the binlog connection to " + config.hostname() + ":" + config.port()
                                    + " and could not reconnect within " + config.reconnectTimeout() + ": "
                                    + cause.getMessage(), cause)
                    : cause);
        } catch (Throwable t) {
            fail(t);
        } finally {
            server.close();
        }
    }

    private void fail(Throwable t) {
        if (!closing) {
            failure = t;
            wakeUp();
        }
    }

    /** One connection: reads until the stop position, a close, or a failure. */
    private void streamOnce() throws Exception {
        if (closing || decoder.finished()) {
            return;
        }
        decoder.restartAt(handedOver());
        if (decoder.finished()) {
            return;
        }
        connectionError = null;
        BinaryLogClient c = new BinaryLogClient(config.hostname(), config.port(), config.username(), config.password());
        c.setServerId(config.serverId());
        c.setKeepAlive(false);
        c.setHeartbeatInterval(config.heartbeatInterval().toMillis());
        c.setConnectTimeout(config.connectTimeout().toMillis());
        if (config.tls().enabled()) {
            c.setSSLMode(SSLMode.valueOf(config.tls().mode().name()));
            c.setSslSocketFactory(new TrustStoreSocketFactory(config.tls()));
        } else {
            c.setSSLMode(SSLMode.DISABLED);
        }
        c.setBinlogFilename(handedOver().file());
        c.setBinlogPosition(handedOver().position());
        c.setEventDeserializer(RowDeserializers.create(schemas, new RowDecoder(config.zeroDates(), config.bit1AsBoolean())));
        c.registerEventListener(event -> {
            lastEventMillis = System.currentTimeMillis();
            handingOver = true;
            try {
                decoder.onEvent(event);
                if (decoder.finished()) {
                    disconnect(c);
                }
            } catch (Throwable t) {
                // the client swallows listener exceptions: keep it and stop reading
                connectionError = new Fatal(t);
                disconnect(c);
            } finally {
                // a hand-over held back by the job (back-pressure) is not a silent connection
                lastEventMillis = System.currentTimeMillis();
                handingOver = false;
            }
        });
        boolean[] connected = {false};
        c.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient client) {
                connected[0] = true;
                if (everConnected) {
                    reconnects.incrementAndGet();
                }
                everConnected = true;
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient client, Exception ex) {
                if (connectionError == null) {
                    connectionError = ex;
                }
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient client, Exception ex) {
                // the client would skip the event: that loses data, so stop instead
                connectionError = new Fatal(ex.getCause() != null ? ex.getCause() : ex);
                disconnect(client);
            }
        });
        client = c;
        LOG.info("reading the binlog of {}:{} from {}", config.hostname(), config.port(), handedOver());
        lastEventMillis = System.currentTimeMillis();
        Thread watchdog = startWatchdog(c);
        try {
            c.connect();
        } catch (ServerException e) {
            connectionError = e;
        } catch (IOException e) {
            connectionError = e;
        } finally {
            watchdog.interrupt();
            client = null;
        }
        flush();
        afterDisconnect(connectionError, connected[0]);
    }

    private void afterDisconnect(Throwable error, boolean streamed) throws Exception {
        if (error instanceof Fatal f) {
            throw f.getCause() instanceof Exception e ? e : new SluiceSourceException(f.getCause().toString(), f.getCause());
        }
        if (error instanceof ServerException se && ServerErrors.isPermanent(se.getErrorCode())) {
            throw explain(se);
        }
        if (error instanceof ServerException se && se.getErrorCode() == ServerErrors.CONNECTION_KILLED) {
            throw new SluiceSourceException(
                    "the server " + config.hostname() + ":" + config.port() + " killed Sluice's binlog connection ("
                            + se.getMessage() + "): another replica or CDC client connected with the same server-id "
                            + config.serverId() + ", or someone ran KILL on it. Give every client of the server its"
                            + " own source.server-id.", se);
        }
        if (closing || decoder.finished()) {
            return;
        }
        String why = error == null ? "connection closed by the server" : error.toString();
        throw streamed ? new LostAfterStreaming(why, error) : new Reconnect(why, error);
    }

    private RuntimeException explain(ServerException e) {
        String message = e.getMessage();
        if (e.getErrorCode() == ServerErrors.BINLOG_READ_ERROR) {
            String lower = message.toLowerCase();
            String at = handedOver().file() + ":" + handedOver().position();
            try {
                // the binlog may have been switched off since the job started ("binary log is not open")
                server.checkBinlogSettings();
            } catch (SluiceSourceException wrongSettings) {
                return wrongSettings;
            } catch (RuntimeException unreachable) {
                // the server cannot be asked either: explain the binlog error alone
            }
            if (lower.contains("could not find first log file") || lower.contains("could not open log file")) {
                try (SourceServer s = new SourceServer(config)) {
                    return s.missingFile(handedOver(), s.binlogFiles());
                } catch (RuntimeException lookupFailed) {
                    // fall back to the server's own words
                }
            }
            // what MariaDB and MySQL say when asked to start between two events
            if (lower.contains("bogus data") || lower.contains("impossible position")
                    || lower.contains("truncated in the middle of event")) {
                return new SluiceSourceException(
                        "the server " + config.hostname() + ":" + config.port() + " cannot send the binlog from " + at
                                + " (" + message + "): that offset is not the start of an event in " + handedOver().file()
                                + " (or the file is damaged). Start at a transaction boundary, e.g. a position SHOW"
                                + " MASTER STATUS or SHOW BINLOG EVENTS IN '" + handedOver().file() + "' reports.", e);
            }
        }
        return ServerErrors.explain(e.getErrorCode(), message, e, config);
    }

    private Thread startWatchdog(BinaryLogClient c) {
        long silenceLimit = config.heartbeatInterval().toMillis() * 3;
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(Math.min(1000, silenceLimit));
                    if (c.isConnected() && !handingOver
                            && System.currentTimeMillis() - lastEventMillis > silenceLimit) {
                        LOG.warn("no binlog event or heartbeat for {} ms: reconnecting", silenceLimit);
                        connectionError = new IOException("no event or heartbeat for " + silenceLimit + " ms");
                        disconnect(c);
                        return;
                    }
                }
            } catch (InterruptedException ignored) {
                // connection over
            }
        }, thread.getName() + "-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void disconnect(BinaryLogClient c) {
        try {
            c.disconnect();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /**
     * Opens the JDBC connection for metadata (MariaDB's schemas come from information_schema at a
     * table's first row event) on another thread while the binlog connection is set up, so the first
     * rows do not wait for both one after the other. A failure here is met again, and explained, by
     * whoever needs the connection.
     */
    private void openMetadataConnectionAside() {
        Thread t = new Thread(() -> {
            try {
                server.isMariaDb();
            } catch (RuntimeException e) {
                LOG.debug("opening the metadata connection ahead failed; it is retried when needed", e);
            }
        }, thread.getName() + "-metadata");
        t.setDaemon(true);
        t.start();
    }

    /** The position after the last record handed to the reader: where a new connection resumes. */
    private BinlogPosition handedOver() {
        return lastHandedOver == null ? start : lastHandedOver.positionAfter();
    }

    /** Called on the binlog thread for every decoded record. */
    private void accept(SourceRecord record) {
        if (closing) {
            // nobody reads what is decoded after close; a restore resumes from the checkpointed position
            return;
        }
        batch.add(record);
        if (record.movesPosition()) {
            lastHandedOver = record;
        }
        if (batch.size() >= BATCH_SIZE || record.event() == null) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (closing) {
                    // dropped, not kept for the next record: each would wait here again, and the
                    // reader's close would wait for all of them (Flink gives up after 30 s)
                    batch.clear();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        batch = new ArrayList<>(BATCH_SIZE);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        queue.clear();
        BinaryLogClient c = client;
        if (c != null) {
            disconnect(c);
        }
        thread.join(10_000);
    }

    /** A connection loss worth another attempt. */
    private static final class Reconnect extends Exception {
        Reconnect(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A connection that had streamed broke: reconnect at once, with a fresh retry budget. */
    private static final class LostAfterStreaming extends Exception {
        LostAfterStreaming(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An error that retrying cannot fix, caught inside the client's callbacks. */
    private static final class Fatal extends Exception {
        Fatal(Throwable cause) {
            super(cause);
        }
    }
}
