package io.sluice.transforms.filter;

import io.sluice.event.ColumnSelection;
import static io.sluice.transforms.Rows.delete;
import static io.sluice.transforms.Rows.insert;
import static io.sluice.transforms.Rows.row;
import static io.sluice.transforms.Rows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.TableSchema;
import io.sluice.transforms.Rows;
import io.sluice.transforms.expr.ExpressionException;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

class FiltersTest {
    private static final TableSchema ORDERS = Rows.schema("shop.orders",
            "id", "status:STRING", "amount:DECIMAL:2", "internal_note:STRING");
    private static final TableSchema USERS = Rows.schema("shop.users", "id", "name:STRING");

    private static List<Event> run(List<FilterSpec> specs, Event... events) {
        EventFilter filter = new EventFilter(specs);
        List<Event> out = new ArrayList<>();
        ListCollector<Event> collector = new ListCollector<>(out);
        for (Event e : events) {
            filter.flatMap(e, collector);
        }
        return out;
    }

    private static Object[] order(long id, String status, String amount) {
        return row(id, status, new BigDecimal(amount), "secret");
    }

    private static final FilterSpec PAID_OVER_100 =
            FilterSpec.on("shop\\.orders").withWhere("status != 'DRAFT' && amount > 100");

    @Test
    void insertsAndDeletesPassByTheirImage() {
        List<Event> out = run(List.of(PAID_OVER_100),
                insert(ORDERS, order(1, "PAID", "150.00")),
                insert(ORDERS, order(2, "DRAFT", "150.00")),
                delete(ORDERS, order(3, "PAID", "50.00")),
                delete(ORDERS, order(4, "PAID", "500.00")));
        assertThat(out).extracting(e -> ((RowChange) e).get("id")).containsExactly(1L, 4L);
    }

    @Test
    void updatesLeavingThePredicateBecomeDeletesAndEnteringBecomeInserts() {
        RowChange leaves = update(ORDERS, order(1, "PAID", "150.00"), order(1, "DRAFT", "150.00"));
        RowChange enters = update(ORDERS, order(2, "DRAFT", "150.00"), order(2, "PAID", "150.00"));
        RowChange stays = update(ORDERS, order(3, "PAID", "150.00"), order(3, "PAID", "160.00"));
        RowChange outside = update(ORDERS, order(4, "DRAFT", "150.00"), order(4, "DRAFT", "160.00"));
        List<Event> out = run(List.of(PAID_OVER_100), leaves, enters, stays, outside);
        assertThat(out).hasSize(3);
        RowChange d = (RowChange) out.get(0);
        assertThat(d.op()).isEqualTo(Op.DELETE);
        assertThat(d.before()).isEqualTo(leaves.before());
        assertThat(d.after()).isNull();
        RowChange c = (RowChange) out.get(1);
        assertThat(c.op()).isEqualTo(Op.INSERT);
        assertThat(c.after()).isEqualTo(enters.after());
        assertThat(c.source()).isEqualTo(enters.source());
        assertThat(out.get(2)).isSameAs(stays);
    }

    @Test
    void opsApplyToTheChangeAsThePredicateLeavesIt() {
        FilterSpec noDeletes = PAID_OVER_100.withOps(FilterOp.INSERT, FilterOp.UPDATE);
        List<Event> out = run(List.of(noDeletes),
                update(ORDERS, order(1, "PAID", "150.00"), order(1, "DRAFT", "150.00")), // -> delete: dropped
                delete(ORDERS, order(2, "PAID", "150.00")),
                update(ORDERS, order(3, "DRAFT", "150.00"), order(3, "PAID", "150.00"))); // -> insert
        assertThat(out).extracting(e -> ((RowChange) e).op()).containsExactly(Op.INSERT);
    }

    @Test
    void ddlPassesOnlyWhenListed() {
        SchemaChange ddl = new SchemaChange(ORDERS.id(), "ALTER TABLE orders ADD x INT", ORDERS,
                Rows.source(ORDERS.id()));
        assertThat(run(List.of(FilterSpec.on("shop\\.orders").withOps(FilterOp.INSERT)), ddl)).isEmpty();
        assertThat(run(List.of(FilterSpec.on("shop\\.orders").withOps(FilterOp.DDL)), ddl)).containsExactly(ddl);
        List<Event> narrowed = run(List.of(FilterSpec.on("shop\\.orders")
                .withColumns(ColumnSelection.exclude(List.of("internal_note")))), ddl);
        assertThat(((SchemaChange) narrowed.get(0)).schema().columnNames()).containsExactly("id", "status", "amount");
    }

    @Test
    void columnsAreSelectedAndTheKeyIsAlwaysKept() {
        FilterSpec exclude = FilterSpec.on("shop\\.orders").withColumns(ColumnSelection.exclude(List.of("INTERNAL_NOTE")));
        RowChange out = (RowChange) run(List.of(exclude), update(ORDERS, order(1, "PAID", "1.00"),
                order(1, "SHIPPED", "1.00"))).get(0);
        assertThat(out.schema().columnNames()).containsExactly("id", "status", "amount");
        assertThat(out.before()).containsExactly(1L, "PAID", new BigDecimal("1.00"));
        assertThat(out.after()).containsExactly(1L, "SHIPPED", new BigDecimal("1.00"));

        FilterSpec include = FilterSpec.on("shop\\.orders").withColumns(ColumnSelection.include(List.of("amount")));
        RowChange narrowed = (RowChange) run(List.of(include), insert(ORDERS, order(2, "PAID", "3.00"))).get(0);
        assertThat(narrowed.schema().columnNames()).containsExactly("id", "amount");
        assertThat(narrowed.schema().keyColumns()).containsExactly("id");
    }

    @Test
    void tablesAreMatchedWithCanalSyntaxAndOthersPass() {
        FilterSpec drafts = FilterSpec.on("SHOP_\\d+\\.orders_\\d{1,2}, shop\\.orders").withWhere("status != 'DRAFT'");
        TableSchema shard = Rows.schema("shop_3.orders_12", "id", "status:STRING");
        TableSchema wide = Rows.schema("shop_3.orders_123", "id", "status:STRING");
        List<Event> out = run(List.of(drafts),
                insert(shard, 1L, "DRAFT"),
                insert(wide, 2L, "DRAFT"), // not matched: passes
                insert(USERS, 3L, "DRAFT"), // not matched: passes
                insert(ORDERS, order(4, "DRAFT", "1.00")));
        assertThat(out).extracting(e -> ((RowChange) e).get("id")).containsExactly(2L, 3L);
    }

    @Test
    void filtersApplyInOrder() {
        List<Event> out = run(List.of(PAID_OVER_100,
                        FilterSpec.on("shop\\.orders").withColumns(ColumnSelection.include(List.of("status")))),
                update(ORDERS, order(1, "PAID", "150.00"), order(1, "PAID", "50.00")));
        RowChange d = (RowChange) out.get(0);
        assertThat(d.op()).isEqualTo(Op.DELETE);
        assertThat(d.schema().columnNames()).containsExactly("id", "status");
    }

    @Test
    void aBadTableRegexIsNamed() {
        // Canal's matching itself is io.sluice.core.table.TableFilter's, tested in the source module
        assertThatThrownBy(() -> new CompiledFilter(FilterSpec.on("shop_(\\d+\\.x")))
                .hasMessageContaining("'shop_(\\d+\\.x' is not a valid regular expression");
    }

    @Test
    void badWhereFailsAtConstruction() {
        assertThatThrownBy(() -> new EventFilter(List.of(FilterSpec.on("a\\.b").withWhere("x.getClass()"))))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("method call");
    }
}
