package io.sluice.transforms.route;

import static io.sluice.transforms.Rows.insert;
import static io.sluice.transforms.Rows.update;
import static io.sluice.transforms.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.transforms.Rows;

import org.junit.jupiter.api.Test;

import java.util.List;

class RoutesTest {
    private static final TableSchema SHARD_0 = Rows.schema("shop_0.orders_0", "id", "amount");
    private static final TableSchema SHARD_1 = Rows.schema("shop_1.orders_7", "id", "amount");
    private static final TableSchema USERS = Rows.schema("shop_0.users", "id", "name:STRING");
    private static final TableId ORDERS = TableId.parse("shop.orders");

    @Test
    void shardsMergeIntoOneLogicalTableKeepingTheSource() throws Exception {
        EventRouter router = new EventRouter(List.of(RouteSpec.merge("shop_\\d+\\.orders_\\d+", "shop.orders")));
        RowChange a = (RowChange) router.map(insert(SHARD_0, 1L, 10L));
        RowChange b = (RowChange) router.map(update(SHARD_1, row(1L, 5L), row(1L, 6L)));
        assertThat(a.table()).isEqualTo(ORDERS);
        assertThat(a.schema().id()).isEqualTo(ORDERS);
        assertThat(a.schema().keyColumns()).containsExactly("id");
        assertThat(a.source().tableId()).isEqualTo(SHARD_0.id());
        assertThat(b.table()).isEqualTo(ORDERS);
        assertThat(b.source().tableId()).isEqualTo(SHARD_1.id());
        Event user = insert(USERS, 1L, "ann");
        assertThat(router.map(user)).isSameAs(user);
    }

    @Test
    void shardKeyAddsThePhysicalTableToRowAndKey() throws Exception {
        EventRouter router = new EventRouter(List.of(new RouteSpec("shop_\\d+\\.orders_\\d+", ORDERS, List.of(), true)));
        RowChange r = (RowChange) router.map(update(SHARD_1, row(1L, 5L), row(1L, 6L)));
        assertThat(r.schema().columnNames()).containsExactly("id", "amount", "_db", "_table");
        assertThat(r.schema().keyColumns()).containsExactly("id", "_db", "_table");
        assertThat(r.before()).containsExactly(1L, 5L, "shop_1", "orders_7");
        assertThat(r.after()).containsExactly(1L, 6L, "shop_1", "orders_7");
        assertThat(RowChange.keyOf(r.schema(), r.after())).containsExactly(1L, "shop_1", "orders_7");
    }

    @Test
    void configuredKeyReplacesThePrimaryKey() throws Exception {
        EventRouter router = new EventRouter(List.of(new RouteSpec("shop_0\\.users", TableId.parse("shop.people"),
                List.of("name"), false)));
        RowChange r = (RowChange) router.map(insert(USERS, 1L, "ann"));
        assertThat(r.schema().keyColumns()).containsExactly("name");
        EventRouter bad = new EventRouter(List.of(new RouteSpec("shop_0\\.users", TableId.parse("shop.people"),
                List.of("nope"), false)));
        assertThatThrownBy(() -> bad.map(insert(USERS, 1L, "ann")))
                .hasMessageContaining("key column 'nope' is not a column of shop_0.users");
    }

    @Test
    void schemaChangesFollowTheRoute() throws Exception {
        EventRouter router = new EventRouter(List.of(new RouteSpec("shop_\\d+\\.orders_\\d+", ORDERS, List.of(), true)));
        SourceInfo source = Rows.source(SHARD_0.id());
        SchemaChange ddl = (SchemaChange) router.map(new SchemaChange(SHARD_0.id(), "ALTER TABLE orders_0 ADD x INT",
                SHARD_0, source));
        assertThat(ddl.table()).isEqualTo(ORDERS);
        assertThat(ddl.schema().columnNames()).containsExactly("id", "amount", "_db", "_table");
        assertThat(ddl.source()).isEqualTo(source);
    }

    @Test
    void firstMatchingRouteWins() throws Exception {
        EventRouter router = new EventRouter(List.of(
                RouteSpec.merge("shop_0\\.orders_0", "shop.first_orders"),
                RouteSpec.merge("shop_\\d+\\.orders_\\d+", "shop.orders")));
        assertThat(router.map(insert(SHARD_0, 1L, 1L)).table()).isEqualTo(TableId.parse("shop.first_orders"));
        assertThat(router.map(insert(SHARD_1, 1L, 1L)).table()).isEqualTo(ORDERS);
    }
}
