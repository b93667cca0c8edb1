package io.sluice.source.server;

import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.server.SourceServer.BinlogFile;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.network.ServerException;
import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the binlog file and offset of a start given as a GTID set or a time, by reading the
 * binlog's transaction starts (and nothing else: row events are not decoded).
 */
@Internal
public final class PositionFinder {
    private static final long IDLE_MILLIS = 1500;
    private static final long FIRST_EVENT_GRACE_MILLIS = 10_000;

    private final BinlogSourceConfig config;
    private final SourceServer server;

    public PositionFinder(BinlogSourceConfig config, SourceServer server) {
        this.config = config;
        this.server = server;
    }

    /** The first transaction after the given GTID set, or the current end when there is none. */
    public BinlogPosition afterGtidSet(String gtidSet) {
        BinlogPosition end = server.currentPosition();
        TransactionStart found = scan(null, 0, gtidSet, Long.MIN_VALUE, end);
        return found != null ? server.withGtidSet(found.position()) : end;
    }

    /**
     * The first transaction committed in or after the second of {@code epochMillis}, or the
     * current end. The binlog records whole seconds, so a transaction committed later in that
     * second cannot be told from one committed earlier: both are read rather than risk a loss.
     */
    public BinlogPosition atTimestamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L) * 1000L;
        BinlogPosition end = server.currentPosition();
        List<BinlogFile> files = server.binlogFiles();
        // the search starts in the last file whose first transaction is before that second
        int from = 0;
        for (int i = files.size() - 1; i > 0; i--) {
            TransactionStart first = scan(files.get(i).name(), 4, null, Long.MIN_VALUE, end);
            if (first != null && first.timestampMillis() < second) {
                from = i;
                break;
            }
        }
        TransactionStart found = scan(files.get(from).name(), 4, null, second, end);
        return found != null ? server.withGtidSet(found.position()) : end;
    }

    /** Where a transaction starts, and when it was committed (the binlog's time resolution is seconds). */
    private record TransactionStart(BinlogPosition position, long timestampMillis) {}

    /**
     * Reads from a file and offset (or a GTID set) until a transaction starts at or after {@code
     * notBeforeMillis}; null when the end of the binlog comes first.
     */
    private TransactionStart scan(String file, long position, String gtidSet, long notBeforeMillis, BinlogPosition end) {
        BinaryLogClient client = new BinaryLogClient(config.hostname(), config.port(), config.username(), config.password());
        client.setServerId(config.serverId());
        client.setKeepAlive(false);
        client.setConnectTimeout(config.connectTimeout().toMillis());
        if (gtidSet != null) {
            client.setGtidSet(gtidSet);
        } else {
            client.setBinlogFilename(file);
            client.setBinlogPosition(position);
        }
        EventDeserializer deserializer = new EventDeserializer();
        for (EventType rows : new EventType[] {EventType.WRITE_ROWS, EventType.EXT_WRITE_ROWS, EventType.UPDATE_ROWS,
                EventType.EXT_UPDATE_ROWS, EventType.DELETE_ROWS, EventType.EXT_DELETE_ROWS, EventType.TABLE_MAP}) {
            deserializer.setEventDataDeserializer(rows, new NullEventDataDeserializer());
        }
        client.setEventDeserializer(deserializer);
        CompletableFuture<TransactionStart> result = new CompletableFuture<>();
        String[] currentFile = {file};
        long[] lastEvent = {0}; // none yet
        boolean[] inTransaction = {false};
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                // the client reports server errors here and then returns from connect() normally
                result.completeExceptionally(ex);
            }
        });
        client.registerEventListener(event -> {
            lastEvent[0] = System.currentTimeMillis();
            EventHeaderV4 h = event.getHeader();
            EventType type = h.getEventType();
            if (type == EventType.ROTATE) {
                currentFile[0] = ((RotateEventData) event.getData()).getBinlogFilename();
                return;
            }
            boolean starts = type == EventType.GTID || type == EventType.MARIADB_GTID
                    || type == EventType.QUERY && !inTransaction[0] && isBegin(event);
            if (type == EventType.GTID || type == EventType.MARIADB_GTID || type == EventType.QUERY && isBegin(event)) {
                inTransaction[0] = true;
            } else if (type == EventType.XID || type == EventType.QUERY) {
                inTransaction[0] = false;
            }
            if (starts && h.getTimestamp() >= notBeforeMillis && currentFile[0] != null) {
                result.complete(new TransactionStart(BinlogPosition.at(currentFile[0], h.getPosition()), h.getTimestamp()));
            } else if (currentFile[0] != null && new BinlogPosition(currentFile[0], Math.max(4, h.getNextPosition()), null, 0, 0).compareTo(end) >= 0) {
                result.complete(null);
            }
        });
        Thread reader = new Thread(() -> {
            try {
                client.connect();
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
            result.complete(null);
        }, "sluice-position-finder");
        reader.setDaemon(true);
        reader.start();
        long firstEventWithin = config.connectTimeout().toMillis() + FIRST_EVENT_GRACE_MILLIS;
        long giveUpAt = System.currentTimeMillis() + firstEventWithin;
        try {
            while (true) {
                try {
                    return result.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long now = System.currentTimeMillis();
                    if (lastEvent[0] > 0 && now - lastEvent[0] > IDLE_MILLIS) {
                        // a dump sends without pause until it reaches the end of the binlog
                        return null;
                    }
                    if (lastEvent[0] == 0 && now > giveUpAt) {
                        throw new SluiceSourceException(
                                "the server " + config.hostname() + ":" + config.port() + " sent no binlog event within "
                                        + firstEventWithin + " ms while Sluice searched for the start position");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceSourceException("interrupted while searching the binlog for the start position", e);
        } catch (ExecutionException e) {
            throw explain(e.getCause(), gtidSet, file, position);
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // done with it
            }
        }
    }

    private RuntimeException explain(Throwable cause, String gtidSet, String file, long position) {
        if (cause instanceof ServerException se) {
            if (gtidSet != null && se.getErrorCode() == ServerErrors.BINLOG_READ_ERROR) {
                List<BinlogFile> files = server.binlogFiles();
                String first = files.get(0).name();
                String last = files.get(files.size() - 1).name();
                BinlogPosition oldest = server.withGtidSet(BinlogPosition.at(first, 4));
                return new SluiceSourceException(
                        "cannot start after GTID set " + gtidSet + ": the server " + config.hostname() + ":"
                                + config.port() + " does not have the transactions that follow it in its binlog ("
                                + se.getMessage() + "). It has " + (first.equals(last) ? first : first + " to " + last)
                                + ", from GTID set " + gtidOrNone(oldest.gtidSet()) + " up to "
                                + gtidOrNone(server.currentPosition().gtidSet()) + ". Start from a GTID set in that"
                                + " range, or from 'earliest' (changes before it that were purged are lost).", se);
            }
            if (gtidSet == null && se.getErrorCode() == ServerErrors.BINLOG_READ_ERROR) {
                // a file listed a moment ago was purged since
                return server.missingFile(BinlogPosition.at(file, Math.max(4, position)), server.binlogFiles());
            }
            return ServerErrors.explain(se.getErrorCode(), se.getMessage(), se, config);
        }
        return new SluiceSourceException(
                "cannot search the binlog of " + config.hostname() + ":" + config.port() + " for the start position: "
                        + cause.getMessage(), cause);
    }

    private static String gtidOrNone(String gtid) {
        return gtid == null ? "(none)" : "'" + gtid + "'";
    }

    private static boolean isBegin(Event event) {
        Object data = event.getData();
        return data instanceof QueryEventData q && "BEGIN".equalsIgnoreCase(q.getSql().trim());
    }
}
