package io.sluice.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.core.failure.PermanentFailureException;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

class TemplateTest {
    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableSchema SCHEMA = new TableSchema(ORDERS, List.of(
            Column.of("id", ColumnType.BIGINT),
            Column.of("seller_id", ColumnType.BIGINT),
            Column.of("region", ColumnType.STRING),
            Column.of("created_at", ColumnType.DATETIME),
            Column.of("day", ColumnType.DATE),
            Column.of("paid_at", ColumnType.TIMESTAMP),
            Column.of("amount", ColumnType.DECIMAL),
            Column.of("big", ColumnType.BIGINT)),
            List.of("id"));

    private static Object[] row() {
        return new Object[] {
            42L, -7L, "eu", LocalDateTime.of(2020, 7, 17, 18, 0, 22), LocalDate.of(2021, 1, 2),
            Instant.parse("2020-07-17T23:30:00Z"), new BigDecimal("12.50"), new BigInteger("18446744073709551615")
        };
    }

    private static String render(String template) {
        return Template.parse(template).render(ORDERS, SCHEMA, row());
    }

    @Test
    void columnsAndLiterals() {
        assertThat(render("user:{id}")).isEqualTo("user:42");
        assertThat(render("{db}:{table}:{id}")).isEqualTo("shop:orders:42");
        assertThat(render("report_{region}.seller_daily")).isEqualTo("report_eu.seller_daily");
        assertThat(render("{ id }")).isEqualTo("42");
        assertThat(render("orders")).isEqualTo("orders");
        assertThat(render("{amount}")).isEqualTo("12.50");
        assertThat(render("{created_at}")).isEqualTo("2020-07-17T18:00:22");
    }

    @Test
    void columnNamesIgnoreCaseAndColumnsWinOverDbAndTable() {
        assertThat(render("{ID}")).isEqualTo("42");
        TableSchema withDb = new TableSchema(ORDERS, List.of(Column.of("db", ColumnType.STRING)), List.of());
        assertThat(Template.parse("{db}").render(ORDERS, withDb, new Object[] {"mine"})).isEqualTo("mine");
    }

    @Test
    void modulo() {
        assertThat(render("seller_daily_{seller_id % 4}")).isEqualTo("seller_daily_1");
        assertThat(render("t_{id%5}")).isEqualTo("t_2");
        assertThat(render("t_{big % 10}")).isEqualTo("t_5");
        assertThatThrownBy(() -> render("t_{amount % 10}")).isInstanceOf(PermanentFailureException.class);
    }

    @Test
    void moduloNeedsAnInteger() {
        assertThatThrownBy(() -> render("t_{region % 4}"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("{region % 4} in the template 't_{region % 4}' needs an integer; column 'region' of "
                        + "shop.orders holds eu");
    }

    @Test
    void dates() {
        assertThat(render("orders-{created_at:yyyy.MM}")).isEqualTo("orders-2020.07");
        assertThat(render("d-{day:yyyyMMdd}")).isEqualTo("d-20210102");
        assertThat(render("p-{paid_at:yyyy-MM-dd HH}")).isEqualTo("p-2020-07-17 23");
        assertThatThrownBy(() -> render("{day:HH}"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageStartingWith("{day:HH} in the template '{day:HH}' cannot format 2021-01-02 of column 'day'");
        assertThatThrownBy(() -> render("{id:yyyy}"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("{id:yyyy} in the template '{id:yyyy}' needs a DATE, DATETIME or TIMESTAMP; column 'id' of "
                        + "shop.orders holds 42");
    }

    @Test
    void nullAndUnknownColumns() {
        Object[] image = row();
        image[2] = null;
        assertThatThrownBy(() -> Template.parse("r_{region}").render(ORDERS, SCHEMA, image))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("column 'region' of shop.orders is NULL; the template 'r_{region}' needs a value");
        assertThatThrownBy(() -> render("{nope}"))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("the template '{nope}' uses 'nope', which is not a column of shop.orders (columns: [id, "
                        + "seller_id, region, created_at, day, paid_at, amount, big]) nor db or table");
    }

    @Test
    void parseErrors() {
        assertThat(Template.problem("user:{id")).contains(
                "the placeholder '{' at offset 5 is not closed; placeholders are written {column} or {expression}");
        assertThatThrownBy(() -> Template.parse("user:{id")).hasMessage("invalid template 'user:{id': the placeholder "
                + "'{' at offset 5 is not closed; placeholders are written {column} or {expression}");
        assertThat(Template.problem("a}")).contains(
                "'}' at offset 1 has no matching '{'; placeholders are {column}, {column % N} "
                        + "or {column:date-pattern}");
        assertThat(Template.problem("{}")).hasValueSatisfying(p -> assertThat(p).contains("is empty"));
        assertThat(Template.problem("{a{b}}")).hasValueSatisfying(p -> assertThat(p).contains("is not closed"));
        assertThat(Template.problem("{id + 1}")).hasValueSatisfying(
                p -> assertThat(p).contains("the placeholder {id + 1} at offset 0 is not supported"));
        assertThat(Template.problem("{id % 0}")).hasValueSatisfying(
                p -> assertThat(p).contains("the divisor must be a positive integer"));
        assertThat(Template.problem("{d:bbb}")).hasValueSatisfying(
                p -> assertThat(p).contains("'bbb' is not a date pattern"));
        assertThat(Template.problem("")).hasValueSatisfying(p -> assertThat(p).contains("the template is empty"));
        assertThat(Template.problem("user:{id}")).isEmpty();
    }

    @Test
    void namesAndConstants() {
        assertThat(Template.parse("{db}_{seller_id % 4}_{created_at:yyyy}_{db}").names())
                .containsExactly("db", "seller_id", "created_at");
        assertThat(Template.parse("orders").isConstant()).isTrue();
        assertThat(Template.parse("orders_{id}").isConstant()).isFalse();
    }
}
