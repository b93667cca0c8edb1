package io.sluice.source.schema;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.server.ServerConnection;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import org.apache.flink.annotation.Internal;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Knows the schema of every tracked table at the binlog position being read. TABLE_MAP events
 * give the column types (and, with {@code binlog_row_metadata=FULL}, names and the rest); the
 * schemas Sluice already knows (from checkpointed state, or information_schema when a table is
 * first seen or changed by DDL) fill in what the binlog lacks.
 */
@Internal
public final class SchemaTracker {
    private final BinlogSourceConfig config;
    private final ServerConnection server;
    private final InformationSchema informationSchema;
    private final Charsets charsets;
    private final Map<TableId, TableSchema> known;
    private final Map<Long, DecodedTable> byTableId = new HashMap<>();

    public SchemaTracker(BinlogSourceConfig config, ServerConnection server, Map<TableId, TableSchema> known) {
        this.config = config;
        this.server = server;
        this.informationSchema = new InformationSchema(server::isMariaDb);
        this.charsets = new Charsets(server::newConnection);
        this.known = new HashMap<>(known);
    }

    public boolean tracks(TableId table) {
        return config.tables().accepts(table);
    }

    /** Records the table behind a table id; rows of that id are decoded with it. */
    public void onTableMap(TableMapEventData tm) {
        DecodedTable previous = byTableId.get(tm.getTableId());
        if (previous != null && previous.sameAs(tm)) {
            return;
        }
        TableId id = new TableId(tm.getDatabase(), tm.getTable());
        if (!tracks(id)) {
            byTableId.put(tm.getTableId(), DecodedTable.excluded(tm));
            return;
        }
        TableSchema base = known.get(id);
        boolean fullMetadata = tm.getEventMetadata() != null && tm.getEventMetadata().getColumnNames() != null;
        if (base == null && (!fullMetadata || server.isMariaDb())) {
            base = load(id).orElse(null);
        }
        DecodedTable table = DecodedTable.build(
                tm, base, config.configuredKey(id).orElse(null), charsets, config.bit1AsBoolean());
        known.put(id, table.schema());
        byTableId.put(tm.getTableId(), table);
    }

    /** The table behind a table id of a row event. */
    public DecodedTable table(long tableId) {
        DecodedTable table = byTableId.get(tableId);
        if (table == null) {
            throw new SluiceSourceException(
                    "row event for table id " + tableId + " without its TABLE_MAP event: the binlog"
                            + " was entered in the middle of a transaction");
        }
        return table;
    }

    /** Forgets what a DDL statement changed and returns the table's schema after it (empty: dropped). */
    public Optional<TableSchema> onDdl(TableId table) {
        known.remove(table);
        for (Iterator<DecodedTable> it = byTableId.values().iterator(); it.hasNext(); ) {
            TableSchema schema = it.next().schema();
            if (schema != null && schema.id().equals(table)) {
                it.remove();
            }
        }
        Optional<TableSchema> now = load(table);
        now.ifPresent(schema -> known.put(table, withConfiguredKey(schema)));
        return now.map(this::withConfiguredKey);
    }

    private TableSchema withConfiguredKey(TableSchema schema) {
        if (schema.hasKey()) {
            return schema;
        }
        return config.configuredKey(schema.id()).map(key -> schema.with(schema.id(), key)).orElse(schema);
    }

    /** The schemas known now, for the checkpoint. */
    public Map<TableId, TableSchema> known() {
        return known;
    }

    private Optional<TableSchema> load(TableId table) {
        try {
            return informationSchema.load(server.connection(), table);
        } catch (SQLException e) {
            throw new SluiceSourceException(
                    "cannot read the schema of " + table + " from information_schema: " + e.getMessage(), e);
        }
    }
}
