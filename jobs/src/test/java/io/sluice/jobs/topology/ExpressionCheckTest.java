package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.jobs.config.ConfigError;
import io.sluice.jobs.config.JobConfigException;
import io.sluice.jobs.config.JobFiles;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bad {@code where}, group-by, measure or sink template is a validation error at its file,
 * line and column, found by the code that will evaluate it (transforms' sandboxed expressions,
 * sinks' templates).
 */
class ExpressionCheckTest {

    private static final String HEAD = "job: {name: shop}\n"
            + "source: {hostname: h, username: u, server-id: 1, tables: \"shop\\\\..*\", startup: latest}\n";

    private static List<ConfigError> problems(String yaml) {
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(yaml, "shop.yaml", Map.of(), Path.of(""),
                List.of(), TopologyBuilder.CHECKS), JobConfigException.class);
        return e == null ? List.of() : e.errors();
    }

    private static String aggregate(String groupBy, String measures) {
        return HEAD + "aggregates:\n"
                + "  - name: daily\n"
                + "    from: shop.orders\n"
                + "    group-by: " + groupBy + "\n"
                + "    measures: " + measures + "\n"
                + "sinks: [{type: print, from: daily}]\n";
    }

    @Test
    void goodExpressionsAndTemplatesPass() {
        assertThat(problems(HEAD + "filters: [{table: \"shop\\\\.orders\", where: \"status != 'DRAFT' && amount > 100\"}]\n"
                + "sinks: [{type: redis, from: shop.orders, key: \"order:{id}\"}]\n")).isEmpty();
        assertThat(problems(aggregate("{day: \"date(created_at)\", seller: seller_id}",
                "{gmv: \"sum(amount)\", n: \"count()\"}"))).isEmpty();
    }

    @Test
    void aWhereThatDoesNotParseIsReportedAtTheColumnOfTheProblem() {
        List<ConfigError> errors = problems(HEAD
                + "filters: [{table: \"shop\\\\.orders\", where: \"status != 'DRAFT' &&\"}]\n"
                + "sinks: [{type: print, from: shop.orders}]\n");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.path()).isEqualTo("filters[0].where");
            // the expression starts at column 44; its "&&" is at column 62 of the file
            assertThat(e.column()).isEqualTo(62);
            assertThat(e.toString()).isEqualTo("shop.yaml:3: filters[0].where: invalid expression "
                    + "'status != 'DRAFT' &&' at column 62: parsing error in '&&'");
        });
    }

    @Test
    void aWhereThatReachesJavaIsRefused() {
        List<ConfigError> errors = problems(HEAD
                + "filters: [{table: \"shop\\\\.orders\", where: \"status.getClass() == null\"}]\n"
                + "sinks: [{type: print, from: shop.orders}]\n");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.path()).isEqualTo("filters[0].where");
            assertThat(e.message()).startsWith("invalid expression 'status.getClass() == null' at column 50: "
                    + "method call error in '.getClass(...)' (expressions cannot assign, loop, declare variables or "
                    + "functions, create objects or call methods;");
        });
    }

    @Test
    void anUnknownFunctionInAGroupByIsReportedAtTheExpression() {
        List<ConfigError> errors = problems(aggregate("{day: \"weekday(created_at)\"}", "{n: \"count()\"}"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.toString()).startsWith("shop.yaml:6: aggregates[0].group-by.day: invalid expression "
                    + "'weekday(created_at)' at column 22: unknown function 'weekday'; expected one of ");
            assertThat(e.column()).isEqualTo(22);
        });
    }

    @Test
    void aBadMeasureArgumentIsReportedAtTheArgument() {
        List<ConfigError> errors = problems(aggregate("{seller: seller_id}", "{gmv: \"sum(amount +)\"}"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.path()).isEqualTo("aggregates[0].measures.gmv");
            assertThat(e.message()).isEqualTo("invalid expression 'amount +' at column 33: parsing error in '+'");
            assertThat(e.column()).isEqualTo(33);
        });
    }

    @Test
    void aTemplateTheSinksCannotRenderIsReportedAtTheTemplate() {
        List<ConfigError> errors = problems(HEAD
                + "sinks: [{type: redis, from: shop.orders, key: \"order:{id + 1}\"}]\n");
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                "shop.yaml:3: sinks[0].key: invalid template 'order:{id + 1}' at column 48: the placeholder "
                        + "{id + 1} at offset 6 is not supported; placeholders are {column}, {column % N} or "
                        + "{column:date-pattern}");
    }
}
