package io.sluice.jobs.config;

import io.sluice.core.table.TablePattern;

import io.sluice.event.ColumnSelection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small value types: durations, sizes, server ids, table patterns and names, the built-in expression check. */
class ValuesTest {

    @Test
    void durations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> Durations.parse("1.5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("10")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void byteSizes() {
        assertThat(ByteSizes.parse("1024")).isEqualTo(1024);
        assertThat(ByteSizes.parse("5mb")).isEqualTo(5L << 20);
        assertThat(ByteSizes.parse("2 KB")).isEqualTo(2048);
        assertThatThrownBy(() -> ByteSizes.parse("5tb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverIds() {
        assertThat(ServerIdRange.parse("5401")).isEqualTo(ServerIdRange.single(5401));
        assertThat(ServerIdRange.parse("5400 - 5404").size()).isEqualTo(5);
        assertThat(ServerIdRange.parse("4294967295")).hasToString("4294967295");
        assertThatThrownBy(() -> ServerIdRange.parse("4294967296")).hasMessage("4294967296 is outside 1..4294967295");
        assertThatThrownBy(() -> ServerIdRange.parse("-1")).hasMessage("-1 is outside 1..4294967295");
        assertThatThrownBy(() -> ServerIdRange.parse("5400-")).hasMessage("'' is not a number");
    }

    @Test
    void tablePatternsMatchTheWholeNameIgnoringCase() {
        TablePattern p = TablePattern.compile("shop_\\d+\\.orders_\\d+");
        assertThat(p.matches("SHOP_1.Orders_22")).isTrue();
        assertThat(p.matches("shop_1.orders_22_old")).isFalse();
        assertThat(p).isEqualTo(TablePattern.compile("shop_\\d+\\.orders_\\d+"));
    }

    @Test
    void canalListsSplitAtTopLevelCommas() {
        assertThat(TablePattern.splitList(" a\\.b ,c\\.d{1,3}, ,e\\.(f|g)"))
                .containsExactly("a\\.b", "c\\.d{1,3}", "e\\.(f|g)");
        assertThat(TablePattern.splitList("a\\.(b, c\\.d")).containsExactly("a\\.(b", "c\\.d");
    }

    @Test
    void tableNames() {
        assertThat(TableName.parse("shop.orders")).contains(new TableName("shop", "orders"));
        assertThat(TableName.parse("orders")).isEmpty();
        assertThat(TableName.parse("a.b.c")).isEmpty();
        assertThat(TableName.parse("shop_\\d+.orders")).isEmpty();
    }

    @Test
    void columnSelection() {
        assertThat(ColumnSelection.ALL.keeps("x")).isTrue();
        assertThat(ColumnSelection.exclude(List.of("Note")).keeps("note")).isFalse();
        assertThat(ColumnSelection.include(List.of("id")).keeps("ID")).isTrue();
    }

    @Test
    void measuresPrintAsWritten() {
        assertThat(new Measure(AggregateFunction.COUNT, Optional.empty())).hasToString("count()");
        assertThat(new Measure(AggregateFunction.AVG, Optional.of(Expr.of("price * qty")))).hasToString("avg(price * qty)");
    }
}
