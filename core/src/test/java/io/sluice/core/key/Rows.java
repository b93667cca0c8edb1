package io.sluice.core.key;


import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import java.math.BigDecimal;
import java.util.List;

/** Row changes for the topology's tests: {@code shop.orders (id, note)}, {@code shop.lines (order_id, no, qty)} and {@code shop.log (msg)} without a key. */
public final class Rows {
    public static final TableId ORDERS = new TableId("shop", "orders");
    public static final TableId LINES = new TableId("shop", "lines");
    public static final TableId LOG = new TableId("shop", "log");
    public static final TableSchema ORDERS_SCHEMA = new TableSchema(ORDERS, List.of(
            Column.of("id", ColumnType.BIGINT), Column.of("note", ColumnType.STRING)), List.of("id"));
    public static final TableSchema LINES_SCHEMA = new TableSchema(LINES, List.of(
            Column.of("order_id", ColumnType.BIGINT), Column.of("no", ColumnType.STRING),
            new Column("qty", ColumnType.DECIMAL, false, 10, 2, null, List.of())), List.of("order_id", "no"));
    public static final TableSchema LOG_SCHEMA = new TableSchema(LOG, List.of(Column.of("msg", ColumnType.STRING)), List.of());
    public static final SourceInfo SOURCE = new SourceInfo("shop", "orders", 1, "binlog.000001", 400, "0-1-9", 1_700_000_000_000L,
            false);

    private Rows() {}

    public static RowChange insert(long id, String note) {
        return new RowChange(Op.INSERT, ORDERS, ORDERS_SCHEMA, null, new Object[] {id, note}, SOURCE);
    }

    public static RowChange update(long oldId, long newId, String note) {
        return new RowChange(Op.UPDATE, ORDERS, ORDERS_SCHEMA, new Object[] {oldId, "old"}, new Object[] {newId, note},
                SOURCE);
    }

    public static RowChange delete(long id) {
        return new RowChange(Op.DELETE, ORDERS, ORDERS_SCHEMA, new Object[] {id, "gone"}, null, SOURCE);
    }

    public static RowChange line(long orderId, String no, String qty) {
        return new RowChange(Op.INSERT, LINES, LINES_SCHEMA, null, new Object[] {orderId, no, new BigDecimal(qty)},
                SOURCE);
    }

    public static RowChange logUpdate(String before, String after) {
        return new RowChange(Op.UPDATE, LOG, LOG_SCHEMA, new Object[] {before}, new Object[] {after}, SOURCE);
    }

    public static SchemaChange ddl() {
        return new SchemaChange(ORDERS, "ALTER TABLE orders ADD COLUMN x INT", ORDERS_SCHEMA, SOURCE);
    }
}
