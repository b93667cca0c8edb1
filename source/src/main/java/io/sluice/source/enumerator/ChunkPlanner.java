package io.sluice.source.enumerator;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.schema.InformationSchema;
import io.sluice.source.schema.JdbcValues;
import io.sluice.source.server.ServerConnection;
import io.sluice.source.server.ServerErrors;
import io.sluice.source.snapshot.ChunkQuery;
import io.sluice.source.snapshot.KeyOrder;
import io.sluice.source.split.KeyColumns;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the server what the snapshot needs to cut tables into chunks: which tables are captured,
 * their schema and key, and the next chunk boundary. Runs on the enumerator; every query is cheap
 * (an index walk of at most one chunk).
 */
@Internal
class ChunkPlanner implements AutoCloseable {
    /** Keys span at most this many values per row for arithmetic cutting; sparser keys are cut by query. */
    static final double MAX_EVEN_DISTRIBUTION = 10.0;
    private static final Set<String> SYSTEM_DATABASES =
            Set.of("mysql", "information_schema", "performance_schema", "sys");

    private final BinlogSourceConfig config;
    private final ServerConnection server;
    private final JdbcValues values;

    ChunkPlanner(BinlogSourceConfig config) {
        this.config = config;
        this.server = new ServerConnection(config);
        this.values = new JdbcValues(config.zeroDates(), config.bit1AsBoolean());
    }

    /** The tables the source captures now, in name order. */
    List<TableId> capturedTables() {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME";
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                TableId id = new TableId(rs.getString(1), rs.getString(2));
                if (!SYSTEM_DATABASES.contains(id.db().toLowerCase()) && config.tables().accepts(id)) {
                    tables.add(id);
                }
            }
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
        return tables;
    }

    /** Reads a table's schema and key and decides how to cut it; empty when the table is gone. */
    Optional<TableChunks> plan(TableId table) {
        try {
            Connection c = connection();
            Optional<TableSchema> loaded = new InformationSchema(server::isMariaDb).load(c, table);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            TableSchema schema = loaded.get();
            boolean configured = false;
            if (!schema.hasKey()) {
                List<String> key = config.configuredKey(table).orElseThrow(() -> noKey(table));
                schema = schema.with(table, key);
                configured = true;
            }
            KeyColumns key = keyColumns(c, schema, configured);
            long estimatedRows = estimatedRows(c, table);
            Column first = key.column(0);
            if (key.size() == 1 && !configured && first.type().isInteger() && first.type() != ColumnType.YEAR) {
                try (PreparedStatement st = c.prepareStatement(ChunkQuery.minMax(table, key));
                        ResultSet rs = st.executeQuery()) {
                    rs.next();
                    Object min = values.read(rs, 1, first);
                    Object max = values.read(rs, 2, first);
                    if (min instanceof Long lo && max instanceof Long hi) {
                        double span = (double) hi - lo + 1;
                        if (estimatedRows > 0 && span / estimatedRows <= MAX_EVEN_DISTRIBUTION) {
                            long step = Math.max(1, (long) Math.ceil(config.chunkSize() * span / estimatedRows));
                            return Optional.of(new TableChunks(schema, key, lo, hi, step, estimatedRows,
                                    new FinishedChunks(), 0, null, false));
                        }
                    }
                }
            }
            return Optional.of(new TableChunks(schema, key, null, null, null, estimatedRows, new FinishedChunks(),
                    0, null, false));
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
    }

    /** Cuts the table's next chunk and moves its cursor past it. */
    SnapshotSplit next(TableChunks t) {
        if (t.exhausted) {
            throw new IllegalStateException("every chunk of " + t.table() + " was cut already");
        }
        int index = t.nextIndex;
        Object[] low = t.nextLow;
        Object[] high = t.isEven() ? evenBoundary(t, index + 1) : queryBoundary(t, low);
        t.nextIndex = index + 1;
        t.nextLow = high;
        t.exhausted = high == null;
        return new SnapshotSplit(t.schema, t.key, index, low, high, null);
    }

    /** The lower bound of chunk {@code index} of an arithmetically cut table; null past its largest key. */
    static Object[] evenBoundary(TableChunks t, int index) {
        BigInteger bound = BigInteger.valueOf(t.evenMin)
                .add(BigInteger.valueOf(t.evenStep).multiply(BigInteger.valueOf(index)));
        return bound.compareTo(BigInteger.valueOf(t.evenMax)) > 0 ? null : new Object[] {bound.longValue()};
    }

    private Object[] queryBoundary(TableChunks t, Object[] low) {
        String sql = ChunkQuery.nextBoundary(t.table(), t.key, low != null, config.chunkSize());
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            if (low != null) {
                ChunkQuery.bindKey(st, 1, new KeyOrder(t.key, null), low);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? values.readRow(rs, t.key.columns(), 1) : null;
            }
        } catch (SQLException e) {
            throw ServerErrors.explain(e, config);
        }
    }

    private KeyColumns keyColumns(Connection c, TableSchema schema, boolean configured) throws SQLException {
        List<Column> columns = new ArrayList<>();
        List<String> collations = new ArrayList<>();
        for (int index : schema.keyIndexes()) {
            Column col = schema.column(index);
            if (col.type() == ColumnType.JSON || col.type() == ColumnType.GEOMETRY) {
                throw new SluiceSourceException(
                        "column " + schema.id() + "." + col.name() + " is a " + col.type() + " column and cannot be"
                                + " a snapshot chunk key; set another key for the table under source.keys");
            }
            columns.add(col);
            collations.add(col.type() == ColumnType.STRING ? collation(c, schema.id(), col.name()) : "");
        }
        return new KeyColumns(columns, collations, configured);
    }

    private static String collation(Connection c, TableId table, String column) throws SQLException {
        String sql = "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " AND COLUMN_NAME = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.db());
            st.setString(2, table.table());
            st.setString(3, column);
            try (ResultSet rs = st.executeQuery()) {
                String collation = rs.next() ? rs.getString(1) : null;
                return collation == null ? "" : collation;
            }
        }
    }

    private static long estimatedRows(Connection c, TableId table) throws SQLException {
        String sql = "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.db());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
            }
        }
    }

    private SluiceSourceException noKey(TableId table) {
        String regex = "\"" + table.db().replace(".", "\\\\.") + "\\\\." + table.table().replace(".", "\\\\.") + "\"";
        return new SluiceSourceException(
                "table " + table + " has no primary key, so its snapshot cannot be cut into chunks and its rows"
                        + " have no identity downstream: configure a key for it under source.keys, e.g."
                        + " keys: {" + regex + ": [id]} (columns whose values are unique), or exclude the table");
    }

    private Connection connection() throws SQLException {
        return server.connection();
    }

    /** True for a MariaDB server. */
    boolean isMariaDb() {
        return server.isMariaDb();
    }

    @Override
    public void close() {
        server.close();
    }
}
