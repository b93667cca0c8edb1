package io.sluice.sinks.print;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;

import java.util.List;

/** Row changes of a small {@code shop.orders} table for the print sink's tests. */
final class TestEvents {
    static final TableId ORDERS = new TableId("shop", "orders");
    static final TableSchema SCHEMA = new TableSchema(ORDERS, List.of(
            Column.of("id", ColumnType.BIGINT),
            new Column("note", ColumnType.STRING, false, 0, 0, "UTF-8", List.of())), List.of("id"));

    private TestEvents() {}

    static RowChange insert(long id, String note) {
        return new RowChange(Op.INSERT, ORDERS, SCHEMA, null, new Object[] {id, note}, source(id));
    }

    static String insertJson(long id, String note) {
        return "{\"op\":\"c\",\"db\":\"shop\",\"table\":\"orders\",\"key\":[\"id\"],\"before\":null,"
                + "\"after\":{\"id\":" + id + ",\"note\":\"" + note + "\"},\"source\":{\"db\":\"shop\","
                + "\"table\":\"orders\",\"server_id\":1,\"file\":\"binlog.000001\",\"pos\":" + (1000 + id)
                + ",\"gtid\":\"0-1-" + id + "\",\"ts_ms\":1700000000000,\"snapshot\":false}}";
    }

    private static SourceInfo source(long id) {
        return new SourceInfo("shop", "orders", 1, "binlog.000001", 1000 + id, "0-1-" + id, 1_700_000_000_000L, false);
    }
}
