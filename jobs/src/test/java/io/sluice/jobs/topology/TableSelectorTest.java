package io.sluice.jobs.topology;

import static io.sluice.core.key.Rows.insert;
import static io.sluice.core.key.Rows.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.PatternSyntaxException;

class TableSelectorTest {

    @Test
    void aTableNameMatchesThatTableInAnyCase() {
        TableSelector orders = TableSelector.of("Shop.Orders");
        assertThat(orders.filter(insert(1, "a"))).isTrue();
        assertThat(orders.filter(line(1, "x", "1"))).isFalse();
    }

    @Test
    void aPatternMatchesTheWholeNameInAnyCase() {
        assertThat(TableSelector.of("SHOP\\..*").filter(line(1, "x", "1"))).isTrue();
        assertThat(TableSelector.of("shop\\.ord.*").filter(line(1, "x", "1"))).isFalse();
        assertThat(TableSelector.of("shop\\.ord").filter(insert(1, "a"))).isFalse();
    }

    @Test
    void aJoinsSelectorKeepsAnyOfItsTablesInAnyCase() {
        TableSelector join = TableSelector.anyOf(List.of("SHOP.orders", "shop.users"));
        assertThat(join.filter(insert(1, "a"))).isTrue();
        assertThat(join.filter(line(1, "x", "1"))).isFalse();
        assertThat(TableSelector.anyOf(List.of("shop.lines", "shop.orders")).filter(line(1, "x", "1"))).isTrue();
    }

    @Test
    void aBadPatternIsRefused() {
        assertThatThrownBy(() -> TableSelector.of("shop\\.(orders")).isInstanceOf(PatternSyntaxException.class);
    }
}
