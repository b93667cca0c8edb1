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
import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the binlog file and offset of a start given as a GTID set or a time, by reading the
 * binlog's transaction starts (and nothing else: row events are not decoded).
 */
@Internal
public final class PositionFinder {
    private static final long IDLE_MILLIS = 1500;

    private final BinlogSourceConfig config;
    private final SourceServer server;

    public PositionFinder(BinlogSourceConfig config, SourceServer server) {
        this.config = config;
        this.server = server;
    }

    /** The first transaction after the given GTID set, or the current end when there is none. */
    public BinlogPosition afterGtidSet(String gtidSet) {
        BinlogPosition end = server.currentPosition();
        TransactionStart found = scan(null, 0, gtidSet, 0, end);
        return found != null ? found.position() : end;
    }

    /** The first transaction committed at or after {@code epochMillis}, or the current end. */
    public BinlogPosition atTimestamp(long epochMillis) {
        BinlogPosition end = server.currentPosition();
        List<BinlogFile> files = server.binlogFiles();
        // the last file whose first transaction is not after the time is where the search starts
        int from = 0;
        for (int i = files.size() - 1; i > 0; i--) {
            TransactionStart first = scan(files.get(i).name(), 4, null, Long.MIN_VALUE, end);
            if (first != null && first.timestampMillis() <= epochMillis) {
                from = i;
                break;
            }
        }
        TransactionStart found = scan(files.get(from).name(), 4, null, epochMillis, end);
        return found != null ? found.position() : end;
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
        long[] lastEvent = {System.currentTimeMillis()};
        boolean[] inTransaction = {false};
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
        try {
            while (true) {
                try {
                    return result.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.currentTimeMillis() - lastEvent[0] > IDLE_MILLIS) {
                        return null;
                    }
                }
            }
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SluiceSourceException("cannot search the binlog for the start position: " + cause.getMessage(), cause);
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // done with it
            }
        }
    }

    private static boolean isBegin(Event event) {
        Object data = event.getData();
        return data instanceof QueryEventData q && "BEGIN".equalsIgnoreCase(q.getSql().trim());
    }
}
