package io.sluice.core.table;

import io.sluice.event.TableId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TableFilter}: Canal's {@code filter.regex} semantics on {@code db.table}. */
class TableFilterTest {

    private static boolean accepts(TableFilter filter, String table) {
        return filter.accepts(TableId.parse(table));
    }

    @Test
    void matchesTheWholeNameNotAPart() {
        TableFilter filter = TableFilter.of("shop\\.orders", null);

        assertThat(accepts(filter, "shop.orders")).isTrue();
        assertThat(accepts(filter, "shop.orders_history")).isFalse();
        assertThat(accepts(filter, "myshop.orders")).isFalse();
    }

    @Test
    void unescapedDotMatchesAnyCharacterAsInCanal() {
        TableFilter filter = TableFilter.of("shop.orders", null);

        assertThat(accepts(filter, "shop.orders")).isTrue();
        assertThat(filter.accepts(new TableId("shop", "_orders"))).isFalse();
        assertThat(filter.accepts(new TableId("sho", "p_orders"))).isFalse();
        assertThat(TableFilter.of("shop.order.", null).accepts(new TableId("shop", "order_"))).isTrue();
    }

    @Test
    void ignoresCase() {
        TableFilter filter = TableFilter.of("Shop\\.Orders_\\d+", null);

        assertThat(accepts(filter, "shop.orders_1")).isTrue();
        assertThat(accepts(filter, "SHOP.ORDERS_22")).isTrue();
    }

    @Test
    void commaSeparatesExpressionsAndSpacesAroundThemAreIgnored() {
        TableFilter filter = TableFilter.of(" shop_\\d+\\.orders_\\d+ ,shop_0\\.users, ", null);

        assertThat(accepts(filter, "shop_3.orders_17")).isTrue();
        assertThat(accepts(filter, "shop_0.users")).isTrue();
        assertThat(accepts(filter, "shop_1.users")).isFalse();
    }

    @Test
    void commaInsideBracesBracketsOrParenthesesBelongsToTheExpression() {
        TableFilter filter = TableFilter.of("shop_\\d{1,3}\\.orders, log\\.(a,b|c), x\\.[,;]", null);

        assertThat(accepts(filter, "shop_123.orders")).isTrue();
        assertThat(accepts(filter, "shop_1234.orders")).isFalse();
        assertThat(filter.accepts(new TableId("log", "a,b"))).isTrue();
        assertThat(accepts(filter, "log.c")).isTrue();
        assertThat(filter.accepts(new TableId("x", ","))).isTrue();
        assertThat(TablePattern.splitList("shop_\\d{1,3}\\.orders, log\\.(a,b|c), x\\.[,;]"))
                .containsExactly("shop_\\d{1,3}\\.orders", "log\\.(a,b|c)", "x\\.[,;]");
    }

    @Test
    void braceOrParenthesisInsideACharacterClassOpensNothing() {
        TableFilter filter = TableFilter.of("log\\.a[{(]b, shop\\.orders", null);

        assertThat(TablePattern.splitList("log\\.a[{(]b, shop\\.orders")).containsExactly("log\\.a[{(]b", "shop\\.orders");
        assertThat(filter.accepts(new TableId("log", "a{b"))).isTrue();
        assertThat(accepts(filter, "shop.orders")).isTrue();
    }

    @Test
    void escapedBracketDoesNotOpenAGroup() {
        assertThat(TablePattern.splitList("a\\{,b\\(,c")).containsExactly("a\\{", "b\\(", "c");
    }

    @Test
    void blankIncludeMeansEveryTable() {
        for (String blank : new String[] {null, "", "   ", " , "}) {
            TableFilter filter = TableFilter.of(blank, null);

            assertThat(accepts(filter, "any.table")).as("include '%s'", blank).isTrue();
        }
        assertThat(accepts(TableFilter.all(), "mysql.user")).isTrue();
    }

    @Test
    void exclusionsWin() {
        TableFilter filter = TableFilter.of("shop_\\d+\\..*", "shop_\\d+\\.tmp_.*, shop_9\\..*");

        assertThat(accepts(filter, "shop_1.orders")).isTrue();
        assertThat(accepts(filter, "shop_1.tmp_orders")).isFalse();
        assertThat(accepts(filter, "shop_9.orders")).isFalse();
        assertThat(accepts(filter, "other.orders")).isFalse();
    }

    @Test
    void exclusionsApplyToABlankInclude() {
        TableFilter filter = TableFilter.of("", "mysql\\..*,sys\\..*");

        assertThat(accepts(filter, "shop.orders")).isTrue();
        assertThat(accepts(filter, "mysql.user")).isFalse();
        assertThat(accepts(filter, "SYS.config")).isFalse();
    }

    @Test
    void exclusionIsAnchoredToo() {
        TableFilter filter = TableFilter.of(null, "shop\\.tmp");

        assertThat(accepts(filter, "shop.tmp")).isFalse();
        assertThat(accepts(filter, "shop.tmp_1")).isTrue();
    }

    @Test
    void decisionsAreStableWhenCached() {
        TableFilter filter = TableFilter.of("a\\..*", "a\\.x");

        for (int i = 0; i < 3; i++) {
            assertThat(accepts(filter, "a.y")).isTrue();
            assertThat(accepts(filter, "a.x")).isFalse();
        }
    }

    @Test
    void badRegexNamesTheKeyTheExpressionAndTheSyntax() {
        assertThatThrownBy(() -> TableFilter.of("shop\\.orders, shop_(\\d+\\.users", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tables: 'shop_(\\d+\\.users' is not a valid regular expression: ")
                .hasMessageContaining("near index")
                .hasMessageEndingWith("; expected comma-separated regular expressions on db.table, e.g. shop_\\d+\\.orders_\\d+");
        assertThatThrownBy(() -> TableFilter.of("shop\\..*", "*tmp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("exclude: '*tmp' is not a valid regular expression: Dangling meta character '*' near index 0;");
    }

    @Test
    void keepsTheTextItWasGiven() {
        TableFilter filter = TableFilter.of("a\\..*", "a\\.x");

        assertThat(filter.include()).isEqualTo("a\\..*");
        assertThat(filter.exclude()).isEqualTo("a\\.x");
        assertThat(filter).hasToString("tables 'a\\..*' excluding 'a\\.x'");
        assertThat(TableFilter.of("a\\..*", null)).hasToString("tables 'a\\..*'");
    }
}
