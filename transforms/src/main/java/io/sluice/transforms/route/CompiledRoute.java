package io.sluice.transforms.route;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.core.table.TableFilter;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One {@link RouteSpec}, compiled: renames matching events to the logical table. */
@Internal
final class CompiledRoute implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CACHED_SCHEMAS = 1024;

    private final TableFilter from;
    private final TableId to;
    private final List<String> key;
    private final boolean shardKey;
    private transient Map<TableSchema, TableSchema> schemas;

    CompiledRoute(RouteSpec spec) {
        this.from = TableFilter.of(spec.from(), null);
        this.to = spec.to();
        this.key = spec.key();
        this.shardKey = spec.shardKey();
    }

    boolean matches(Event event) {
        return from.accepts(event.table());
    }

    Event apply(Event event) {
        if (event instanceof SchemaChange change) {
            TableSchema schema = change.schema() == null ? null : logical(change.schema());
            return new SchemaChange(to, change.ddl(), schema, change.source());
        }
        RowChange row = (RowChange) event;
        TableSchema schema = logical(row.schema());
        if (!shardKey) {
            return new RowChange(row.op(), to, schema, row.before(), row.after(), row.source());
        }
        return new RowChange(row.op(), to, schema, withShard(row.before(), row.source()),
                withShard(row.after(), row.source()), row.source());
    }

    private static Object[] withShard(Object[] image, SourceInfo source) {
        if (image == null) {
            return null;
        }
        Object[] out = new Object[image.length + 2];
        System.arraycopy(image, 0, out, 0, image.length);
        out[image.length] = source.db();
        out[image.length + 1] = source.table();
        return out;
    }

    private TableSchema logical(TableSchema physical) {
        if (schemas == null) {
            schemas = new HashMap<>();
        }
        TableSchema logical = schemas.get(physical);
        if (logical == null) {
            if (schemas.size() >= MAX_CACHED_SCHEMAS) {
                schemas.clear();
            }
            logical = build(physical);
            schemas.put(physical, logical);
        }
        return logical;
    }

    private TableSchema build(TableSchema physical) {
        List<Column> columns = new ArrayList<>(physical.columns());
        List<String> keyColumns = new ArrayList<>(key.isEmpty() ? physical.keyColumns() : key);
        if (shardKey) {
            for (String name : List.of(RouteSpec.SHARD_DB_COLUMN, RouteSpec.SHARD_TABLE_COLUMN)) {
                if (physical.indexOf(name) >= 0) {
                    throw new IllegalArgumentException("route to " + to + " with shard-key: table "
                            + physical.id() + " already has a column '" + name + "'; the shard key adds "
                            + RouteSpec.SHARD_DB_COLUMN + " and " + RouteSpec.SHARD_TABLE_COLUMN);
                }
                columns.add(Column.of(name, ColumnType.STRING));
                keyColumns.add(name);
            }
        }
        for (String k : key) {
            if (physical.indexOf(k) < 0) {
                throw new IllegalArgumentException("route to " + to + ": key column '" + k + "' is not a column of "
                        + physical.id() + "; its columns are " + physical.columnNames());
            }
        }
        return new TableSchema(to, columns, keyColumns);
    }
}
