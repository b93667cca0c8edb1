package io.sluice.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TableId}: parsing {@code db.table}, order and printing. */
class TableIdTest {

    @Test
    void parsesDbAndTable() {
        TableId id = TableId.parse("shop.orders");

        assertThat(id.db()).isEqualTo("shop");
        assertThat(id.table()).isEqualTo("orders");
        assertThat(id).isEqualTo(new TableId("shop", "orders")).hasToString("shop.orders");
    }

    @Test
    void keepsCase() {
        assertThat(TableId.parse("Shop.Orders")).isEqualTo(new TableId("Shop", "Orders"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", ".orders", "shop.", ".", "", "a.b.c"})
    void rejectsWhatIsNotDbDotTable(String text) {
        assertThatThrownBy(() -> TableId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a table name; expected db.table");
    }

    @Test
    void rejectsNullParts() {
        assertThatThrownBy(() -> new TableId(null, "t")).isInstanceOf(NullPointerException.class).hasMessage("db");
        assertThatThrownBy(() -> new TableId("d", null)).isInstanceOf(NullPointerException.class).hasMessage("table");
    }

    @Test
    void ordersByDbThenTable() {
        assertThat(new TableId("a", "z")).isLessThan(new TableId("b", "a"));
        assertThat(new TableId("a", "a")).isLessThan(new TableId("a", "b"));
        assertThat(new TableId("a", "b").compareTo(new TableId("a", "b"))).isZero();
    }
}
