package io.sluice.jobs.topology;

import static io.sluice.jobs.topology.Rows.insert;
import static io.sluice.jobs.topology.Rows.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
    void aBadPatternIsRefused() {
        assertThatThrownBy(() -> TableSelector.of("shop\\.(orders")).isInstanceOf(PatternSyntaxException.class);
    }
}
