package io.sluice.transforms.join;

import static io.sluice.transforms.Rows.delete;
import static io.sluice.transforms.Rows.insert;
import static io.sluice.transforms.Rows.row;
import static io.sluice.transforms.Rows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.transforms.Rows;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

class JoinTest {
    static final TableSchema ORDERS = Rows.schema("shop.orders", "id", "buyer_id", "status:STRING");
    static final TableSchema BUYERS = Rows.schema("shop.buyers", "id", "name:STRING", "country_id");
    static final TableSchema COUNTRIES = Rows.schema("shop.countries", "id", "name:STRING");
    static final TableSchema ITEMS = Rows.schema("shop.items", "id", "order_id", "product_id", "qty");
    static final TableSchema PRODUCTS = Rows.schema("shop.products", "id", "title:STRING");

    static JoinSpec orderDocs(JoinOutput output) {
        LookupSpec country = new LookupSpec(COUNTRIES.id(), Map.of("country_id", "id"), Map.of("name", "country"));
        LookupSpec buyer = new LookupSpec(BUYERS.id(), Map.of("buyer_id", "id"), Map.of("name", "buyer_name"),
                List.of(country));
        LookupSpec product = new LookupSpec(PRODUCTS.id(), Map.of("product_id", "id"), Map.of("title", "title"));
        ChildSpec items = new ChildSpec(ITEMS.id(), Map.of("id", "order_id"), "items",
                linked("id", "item_id", "qty", "qty"), List.of(product));
        return new JoinSpec("order_doc", ORDERS.id(), List.of(buyer), List.of(items), output);
    }

    static Map<String, String> linked(String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Object field(RowChange doc, String name) {
        return doc.get(name);
    }

    @Test
    void buildsDocumentsAndFollowsEveryTable() throws Exception {
        try (JoinSimulation sim = new JoinSimulation(orderDocs(JoinOutput.FULL), 1)) {
            sim.feed(insert(COUNTRIES, 1L, "NL"));
            sim.feed(insert(BUYERS, 10L, "ann", 1L));
            sim.feed(insert(PRODUCTS, 100L, "pen"));
            sim.feed(insert(ORDERS, 1L, 10L, "NEW"));
            sim.feed(insert(ITEMS, 1000L, 1L, 100L, 2L));
            sim.feed(insert(ITEMS, 1001L, 1L, 101L, 1L)); // product 101 does not exist yet
            sim.feed(insert(ORDERS, 2L, 10L, "NEW"));

            RowChange doc = sim.document(1L);
            assertThat(doc.table()).isEqualTo(TableId.parse("shop.order_doc"));
            assertThat(doc.schema().keyColumns()).containsExactly("id");
            assertThat(doc.schema().columnNames())
                    .containsExactly("id", "buyer_id", "status", "buyer_name", "country", "items");
            assertThat(doc.schema().column(5).type()).isEqualTo(ColumnType.JSON);
            assertThat(field(doc, "buyer_name")).isEqualTo("ann");
            assertThat(field(doc, "country")).isEqualTo("NL");
            assertThat(field(doc, "items")).isEqualTo(List.of(
                    linkedObjects("item_id", 1000L, "qty", 2L, "title", "pen"),
                    linkedObjects("item_id", 1001L, "qty", 1L, "title", null)));
            assertThat(field(sim.document(2L), "items")).isEqualTo(List.of());

            // a buyer renamed: every order of theirs; a nested lookup changed: likewise
            sim.emitted.clear();
            sim.feed(update(BUYERS, row(10L, "ann", 1L), row(10L, "anna", 1L)));
            assertThat(sim.emitted).extracting(RowChange::op).containsExactly(Op.UPDATE, Op.UPDATE);
            assertThat(field(sim.document(1L), "buyer_name")).isEqualTo("anna");
            assertThat(field(sim.document(2L), "buyer_name")).isEqualTo("anna");
            sim.feed(update(COUNTRIES, row(1L, "NL"), row(1L, "Netherlands")));
            assertThat(field(sim.document(2L), "country")).isEqualTo("Netherlands");

            // a late product completes the item; a deleted item leaves the array
            sim.feed(insert(PRODUCTS, 101L, "ink"));
            assertThat(field(sim.document(1L), "items")).isEqualTo(List.of(
                    linkedObjects("item_id", 1000L, "qty", 2L, "title", "pen"),
                    linkedObjects("item_id", 1001L, "qty", 1L, "title", "ink")));
            sim.feed(delete(ITEMS, 1000L, 1L, 100L, 2L));
            assertThat(field(sim.document(1L), "items")).isEqualTo(List.of(
                    linkedObjects("item_id", 1001L, "qty", 1L, "title", "ink")));

            // an item moved to another order leaves one array and joins the other
            sim.feed(update(ITEMS, row(1001L, 1L, 101L, 1L), row(1001L, 2L, 101L, 1L)));
            assertThat(field(sim.document(1L), "items")).isEqualTo(List.of());
            assertThat(field(sim.document(2L), "items")).asList().hasSize(1);

            // the order changes buyer; then its buyer is deleted; then the order
            sim.feed(insert(BUYERS, 11L, "bob", null));
            sim.feed(update(ORDERS, row(2L, 10L, "NEW"), row(2L, 11L, "PAID")));
            assertThat(field(sim.document(2L), "buyer_name")).isEqualTo("bob");
            assertThat(field(sim.document(2L), "country")).isNull();
            sim.feed(delete(BUYERS, 11L, "bob", null));
            assertThat(field(sim.document(2L), "buyer_name")).isNull();
            sim.emitted.clear();
            sim.feed(delete(ORDERS, 2L, 11L, "PAID"));
            assertThat(sim.emitted).extracting(RowChange::op).containsExactly(Op.DELETE);
            assertThat(sim.document(2L)).isNull();
            assertThat(sim.documents).hasSize(1);
        }
    }

    @Test
    void mainRowBeforeItsLookupIsCompletedWhenTheLookupArrives() throws Exception {
        try (JoinSimulation sim = new JoinSimulation(orderDocs(JoinOutput.FULL), 2)) {
            sim.feed(insert(ORDERS, 1L, 10L, "NEW"));
            assertThat(field(sim.document(1L), "buyer_name")).isNull();
            sim.feed(insert(BUYERS, 10L, "ann", 1L));
            assertThat(field(sim.document(1L), "buyer_name")).isEqualTo("ann");
            assertThat(field(sim.document(1L), "country")).isNull();
            sim.feed(insert(COUNTRIES, 1L, "NL"));
            assertThat(field(sim.document(1L), "country")).isEqualTo("NL");
        }
    }

    @Test
    void keyChangesOfMainAndLookupRows() throws Exception {
        try (JoinSimulation sim = new JoinSimulation(orderDocs(JoinOutput.FULL), 3)) {
            sim.feed(insert(BUYERS, 10L, "ann", null));
            sim.feed(insert(ORDERS, 1L, 10L, "NEW"));
            sim.feed(insert(ITEMS, 1000L, 1L, 100L, 2L));
            sim.feed(update(BUYERS, row(10L, "ann", null), row(12L, "ann", null)));
            assertThat(field(sim.document(1L), "buyer_name")).isNull();
            sim.feed(update(ORDERS, row(1L, 10L, "NEW"), row(5L, 12L, "NEW")));
            assertThat(sim.document(1L)).isNull();
            assertThat(field(sim.document(5L), "buyer_name")).isEqualTo("ann");
            assertThat(field(sim.document(5L), "items")).isEqualTo(List.of()); // the item still points at order 1
            sim.feed(update(ITEMS, row(1000L, 1L, 100L, 2L), row(1000L, 5L, 100L, 2L)));
            assertThat(field(sim.document(5L), "items")).asList().hasSize(1);
        }
    }

    @Test
    void partialOutputCarriesOnlyChangedFields() throws Exception {
        try (JoinSimulation sim = new JoinSimulation(orderDocs(JoinOutput.PARTIAL), 4)) {
            sim.feed(insert(BUYERS, 10L, "ann", null));
            sim.feed(insert(ORDERS, 1L, 10L, "NEW"));
            assertThat(sim.emitted.get(sim.emitted.size() - 1).op()).isEqualTo(Op.INSERT);
            sim.feed(update(BUYERS, row(10L, "ann", null), row(10L, "anna", null)));
            RowChange partial = sim.emitted.get(sim.emitted.size() - 1);
            assertThat(partial.op()).isEqualTo(Op.UPDATE);
            assertThat(partial.schema().columnNames()).containsExactly("id", "buyer_name");
            assertThat(partial.before()).containsExactly(1L, "ann");
            assertThat(partial.after()).containsExactly(1L, "anna");
            assertThat(field(sim.document(1L), "status")).isEqualTo("NEW");
        }
    }

    @Test
    void unreferencedLookupRowsExpireAfterTheTtl() throws Exception {
        JoinSpec spec = orderDocs(JoinOutput.FULL).withUnreferencedTtl(Duration.ofMinutes(10));
        try (JoinSimulation sim = new JoinSimulation(spec, 5)) {
            sim.feed(insert(BUYERS, 10L, "ann", null));
            sim.feed(insert(BUYERS, 11L, "bob", null));
            sim.feed(insert(ORDERS, 1L, 11L, "NEW")); // references bob only
            sim.advanceProcessingTime(Duration.ofMinutes(11).toMillis());
            sim.feed(insert(ORDERS, 2L, 10L, "NEW"));
            sim.feed(insert(ORDERS, 3L, 11L, "NEW"));
            assertThat(field(sim.document(2L), "buyer_name")).as("ann expired").isNull();
            assertThat(field(sim.document(3L), "buyer_name")).as("bob was referenced").isEqualTo("bob");
        }
    }

    @Test
    void collidingFieldsAndMissingColumnsAreExplained() throws Exception {
        LookupSpec allBuyerColumns = new LookupSpec(BUYERS.id(), Map.of("buyer_id", "id"), Map.of());
        JoinSpec spec = new JoinSpec("docs", ORDERS.id(), List.of(allBuyerColumns), List.of(), JoinOutput.FULL);
        try (JoinSimulation sim = new JoinSimulation(spec, 6)) {
            sim.feed(insert(BUYERS, 10L, "ann", null));
            assertThatThrownBy(() -> sim.feed(insert(ORDERS, 1L, 10L, "NEW")))
                    .hasStackTraceContaining("field 'id' of lookup shop.buyers collides with a field of the same name "
                            + "in the document; list the lookup's fields with new names, e.g. fields: {id: buyers_id}");
        }
        LookupSpec wrongColumn = new LookupSpec(BUYERS.id(), Map.of("customer_id", "id"), Map.of("name", "n"));
        JoinSpec bad = new JoinSpec("docs", ORDERS.id(), List.of(wrongColumn), List.of(), JoinOutput.FULL);
        try (JoinSimulation sim = new JoinSimulation(bad, 7)) {
            assertThatThrownBy(() -> sim.feed(insert(ORDERS, 1L, 10L, "NEW")))
                    .hasStackTraceContaining("join docs: column 'customer_id' of the join columns (on) of lookup "
                            + "shop.buyers is not a column of shop.orders; its columns are [id, buyer_id, status]");
        }
        LookupSpec dup = new LookupSpec(BUYERS.id(), Map.of("buyer_id", "id"), Map.of("name", "status_name"));
        LookupSpec dup2 = new LookupSpec(COUNTRIES.id(), Map.of("buyer_id", "id"), Map.of("name", "status_name"));
        assertThatThrownBy(() -> new JoinPlan(new JoinSpec("docs", ORDERS.id(), List.of(dup, dup2), List.of(),
                JoinOutput.FULL))).hasMessageContaining("field 'status_name' of lookup shop.countries is already used");
    }

    static Map<String, Object> linkedObjects(Object... pairs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
