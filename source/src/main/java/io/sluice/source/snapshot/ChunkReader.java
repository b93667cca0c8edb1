package io.sluice.source.snapshot;

import io.sluice.source.server.ServerStatements;

import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.UnknownXaCommitException;
import io.sluice.source.binlog.BinlogStream;
import io.sluice.source.binlog.SourceRecord;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.core.table.TableFilter;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.schema.JdbcValues;
import io.sluice.source.server.ServerConnection;
import io.sluice.source.server.ServerErrors;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads one snapshot chunk so that its rows are exact at a known binlog position, without locking
 * anything (the incremental snapshot algorithm of Flink CDC, after Netflix's DBLog):
 *
 * <ol>
 *   <li>low watermark: the binlog position before the SELECT (on MariaDB, exactly the position of
 *       the SELECT's consistent snapshot);
 *   <li>the chunk's rows, streamed into a buffer;
 *   <li>high watermark: the binlog position after the SELECT;
 *   <li>when the binlog moved in between, the changes of the chunk's table from low to high are
 *       applied to the buffer (after images upserted, deleted keys removed), so the buffer holds
 *       the rows as they were at the high watermark.
 * </ol>
 *
 * <p>The result is the buffer's rows as {@code r} events and the high watermark. Not thread-safe:
 * used by one reader's fetcher thread.
 */
@Internal
public final class ChunkReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkReader.class);
    private static final long BACKFILL_POLL_MILLIS = 100;

    private final BinlogSourceConfig config;
    private final long backfillServerId;
    private final JdbcValues values;
    private Connection connection;
    private boolean mariaDb;
    private long serverId;
    private Weigher weigher;

    /** The rows of a chunk at its high watermark. */
    public record Chunk(List<RowChange> rows, BinlogPosition highWatermark, boolean backfilled) {}

    /**
     * @param backfillServerId the server id of this reader's short binlog reads, unique among the
     *     source's readers
     */
    public ChunkReader(BinlogSourceConfig config, long backfillServerId) {
        this.config = config;
        this.backfillServerId = backfillServerId;
        this.values = new JdbcValues(config.zeroDates(), config.bit1AsBoolean());
    }

    public Chunk read(SnapshotSplit split) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readChunk(split);
            } catch (SQLException e) {
                closeConnection();
                throw ServerErrors.explain(e, config);
            } catch (UnknownXaCommitException e) {
                // an XA transaction prepared before the read committed between the watermarks: the read
                // missed its rows and the binlog between them cannot supply them; a new read sees them
                if (attempt >= XA_REREADS) {
                    throw e;
                }
                LOG.info("chunk {}: reading it again, an XA transaction committed during the read: {}", split,
                        e.getMessage());
            }
        }
    }

    /** How often a chunk is read again when XA transactions keep committing during its reads. */
    private static final int XA_REREADS = 10;

    private Chunk readChunk(SnapshotSplit split) throws SQLException {
        Connection c = connection();
        TableSchema schema = split.schema();
        KeyOrder order = new KeyOrder(split.key(), weigher());
        int[] keyIndexes = schema.keyIndexes();
        List<Object[]> selectedRows = new ArrayList<>();
        long readAt = System.currentTimeMillis();
        BinlogPosition low;
        try (Statement st = c.createStatement()) {
            if (mariaDb) {
                st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                low = snapshotPosition(st);
            } else {
                low = currentPosition(st);
            }
        }
        String sql = ChunkQuery.selectChunk(schema.id(), schema.columns(), split.key(), split.low() != null,
                split.high() != null);
        try (PreparedStatement st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Integer.MIN_VALUE); // stream the rows instead of buffering the result in the driver
            ChunkQuery.bindRange(st, order, split.low(), split.high());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    selectedRows.add(values.readRow(rs, schema.columns(), 1));
                }
            }
        }
        BinlogPosition high;
        try (Statement st = c.createStatement()) {
            if (mariaDb) {
                st.execute("COMMIT");
            }
            high = currentPosition(st);
        }
        long selected = System.currentTimeMillis();
        boolean backfilled = high.compareTo(low) > 0;
        long changes = 0;
        Collection<Object[]> chunkRows = selectedRows;
        if (backfilled) {
            // keyed only when the binlog moved: most chunks of a quiet table skip the hashing
            Map<KeyOf, Object[]> buffer = new LinkedHashMap<>(selectedRows.size() * 2);
            for (Object[] row : selectedRows) {
                buffer.put(new KeyOf(keyOf(row, keyIndexes)), row);
            }
            changes = backfill(split, order, keyIndexes, buffer, low, high);
            chunkRows = buffer.values();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("chunk {}: {} rows selected in {} ms between {} and {}; {} changes of the table between them"
                            + " applied in {} ms", split, selectedRows.size(), selected - readAt, low, high, changes,
                    System.currentTimeMillis() - selected);
        }
        SourceInfo source = new SourceInfo(schema.id().db(), schema.id().table(), serverId, high.file(),
                high.position(), null, readAt, true);
        List<RowChange> rows = new ArrayList<>(chunkRows.size());
        for (Object[] row : chunkRows) {
            rows.add(new RowChange(Op.READ, schema.id(), schema, null, row, source));
        }
        return new Chunk(rows, high, backfilled);
    }

    /** Applies the chunk table's changes between the watermarks to the buffer. */
    private long backfill(SnapshotSplit split, KeyOrder order, int[] keyIndexes, Map<KeyOf, Object[]> buffer,
            BinlogPosition low, BinlogPosition high) {
        TableSchema schema = split.schema();
        BinlogSourceConfig onlyTable = config.forSnapshotRead(backfillServerId, TableFilter.only(schema.id()));
        BinlogStream stream = new BinlogStream(onlyTable, low, high, Map.of(schema.id(), schema));
        stream.start();
        long changes = 0;
        try {
            while (!stream.isDone()) {
                List<SourceRecord> batch = stream.poll(BACKFILL_POLL_MILLIS);
                if (batch == null) {
                    continue;
                }
                for (SourceRecord record : batch) {
                    if (record.event() instanceof RowChange change && change.table().equals(schema.id())) {
                        apply(change, split, order, keyIndexes, buffer);
                        changes++;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceSourceException("interrupted while reading the binlog of snapshot chunk " + split, e);
        } finally {
            try {
                stream.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return changes;
    }

    private static void apply(
            RowChange change, SnapshotSplit split, KeyOrder order, int[] keyIndexes, Map<KeyOf, Object[]> buffer) {
        if (change.current().length != split.schema().size()) {
            throw new SluiceSourceException(
                    "the binlog has rows of " + split.table() + " with " + change.current().length
                            + " columns while its snapshot reads " + split.schema().size() + " ("
                            + split.schema().columnNames() + "): the table was altered during its snapshot."
                            + " Restart the snapshot of this table after the change.");
        }
        if (change.before() != null) {
            Object[] key = keyOf(change.before(), keyIndexes);
            if (order.contains(split.low(), split.high(), key)) {
                buffer.remove(new KeyOf(key));
            }
        }
        if (change.after() != null) {
            Object[] key = keyOf(change.after(), keyIndexes);
            if (order.contains(split.low(), split.high(), key)) {
                buffer.put(new KeyOf(key), change.after());
            }
        }
    }

    private static Object[] keyOf(Object[] row, int[] keyIndexes) {
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[keyIndexes[i]];
        }
        return key;
    }

    private BinlogPosition snapshotPosition(Statement st) throws SQLException {
        String file = null;
        long position = -1;
        try (ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_file")) {
                    file = rs.getString(2);
                } else if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_position")) {
                    position = Long.parseLong(rs.getString(2));
                }
            }
        }
        if (file == null || file.isEmpty() || position < 4) {
            // no consistent snapshot position (binlog off?): fall back to the current position
            return currentPosition(st);
        }
        return BinlogPosition.at(file, position);
    }

    private BinlogPosition currentPosition(Statement st) throws SQLException {
        String status = ServerStatements.binlogStatus(st.getConnection().getMetaData().getDatabaseProductVersion());
        try (ResultSet rs = st.executeQuery(status)) {
            if (!rs.next()) {
                throw new SluiceSourceException(status + " on " + config.hostname() + ":" + config.port()
                        + " returned nothing: the snapshot needs the binlog on");
            }
            return BinlogPosition.at(rs.getString(1), rs.getLong(2));
        }
    }

    private Weigher weigher() {
        if (weigher == null) {
            weigher = new Weigher(this::connection);
        }
        return weigher;
    }

    private Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        Properties props = config.connectionProperties();
        // the binary protocol gives FLOAT and DOUBLE exactly; prepared once per chunk query shape
        props.setProperty("useServerPrepStmts", "true");
        props.setProperty("cachePrepStmts", "true");
        props.setProperty("useCursorFetch", "false");
        // not DriverManager: it refuses the driver to every job after the first on a session cluster
        Connection c = ServerConnection.open(config.jdbcUrl(), props);
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION time_zone = '+00:00'");
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            try (ResultSet rs = st.executeQuery("SELECT @@server_id, VERSION()")) {
                rs.next();
                serverId = rs.getLong(1);
                mariaDb = rs.getString(2).toLowerCase().contains("mariadb");
            }
        }
        connection = c;
        return c;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // replaced on the next chunk
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }

    /** A key by value ({@code byte[]} by content), for the buffer. */
    private record KeyOf(Object[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyOf k && Values.equal(values, k.values);
        }

        @Override
        public int hashCode() {
            return Values.hash(values);
        }
    }
}
