package io.sluice.sinks.common;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Schemas and row changes built in tests, shaped as the binlog source would deliver them. */
public final class TestRows {
    private static final AtomicLong POSITION = new AtomicLong(4);

    private TestRows() {}

    public static Column bigint(String name) {
        return Column.of(name, ColumnType.BIGINT);
    }

    public static Column string(String name) {
        return new Column(name, ColumnType.STRING, false, 255, 0, "UTF-8", List.of());
    }

    public static Column decimal(String name, int precision, int scale) {
        return new Column(name, ColumnType.DECIMAL, false, precision, scale, null, List.of());
    }

    public static Column datetime(String name, int fraction) {
        return new Column(name, ColumnType.DATETIME, false, 0, fraction, null, List.of());
    }

    public static Column date(String name) {
        return Column.of(name, ColumnType.DATE);
    }

    public static TableSchema schema(String db, String table, List<Column> columns, String... key) {
        return new TableSchema(new TableId(db, table), columns, List.of(key));
    }

    public static SourceInfo source(TableSchema schema) {
        return new SourceInfo(schema.id().db(), schema.id().table(), 1, "binlog.000001", POSITION.getAndIncrement(),
                null, 1_600_000_000_000L, false);
    }

    public static RowChange insert(TableSchema schema, Object... after) {
        return new RowChange(Op.INSERT, schema.id(), schema, null, after, source(schema));
    }

    public static RowChange update(TableSchema schema, Object[] before, Object[] after) {
        return new RowChange(Op.UPDATE, schema.id(), schema, before, after, source(schema));
    }

    public static RowChange delete(TableSchema schema, Object... before) {
        return new RowChange(Op.DELETE, schema.id(), schema, before, null, source(schema));
    }
}
