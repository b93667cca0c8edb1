package io.sluice.transforms;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import java.util.ArrayList;
import java.util.List;

/** Builds schemas and row changes for unit tests. */
public final class Rows {
    private static long position = 4;

    private Rows() {}

    /** A schema from "name:TYPE" specs; the first column is the key unless key names are given. */
    public static TableSchema schema(String table, List<String> key, String... columns) {
        List<Column> cols = new ArrayList<>();
        for (String spec : columns) {
            String[] parts = spec.split(":");
            ColumnType type = parts.length > 1 ? ColumnType.valueOf(parts[1]) : ColumnType.BIGINT;
            int scale = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            cols.add(new Column(parts[0], type, false, 0, scale, null, List.of()));
        }
        return new TableSchema(TableId.parse(table), cols, key.isEmpty() ? List.of(cols.get(0).name()) : key);
    }

    public static TableSchema schema(String table, String... columns) {
        return schema(table, List.of(), columns);
    }

    public static SourceInfo source(TableId table) {
        return new SourceInfo(table.db(), table.table(), 1, "binlog.000001", position++, null, 1_700_000_000_000L, false);
    }

    public static RowChange insert(TableSchema schema, Object... after) {
        return new RowChange(Op.INSERT, schema.id(), schema, null, after, source(schema.id()));
    }

    public static RowChange update(TableSchema schema, Object[] before, Object[] after) {
        return new RowChange(Op.UPDATE, schema.id(), schema, before, after, source(schema.id()));
    }

    public static RowChange delete(TableSchema schema, Object... before) {
        return new RowChange(Op.DELETE, schema.id(), schema, before, null, source(schema.id()));
    }

    public static Object[] row(Object... values) {
        return values;
    }
}
