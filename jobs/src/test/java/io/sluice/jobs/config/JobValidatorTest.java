package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Cross-checks, and expression checkers plugged in by the modules that evaluate expressions. */
class JobValidatorTest {

    private static final String JOB = """
            job: {name: shop}
            source: {hostname: h, username: u, server-id: 1, tables: "shop\\\\..*"}
            filters:
              - {table: "shop\\\\.orders", where: "status != 'DRAFT'"}
            aggregates:
              - name: daily
                from: shop.orders
                group-by: {day: "date(created_at)"}
                measures: {gmv: "sum(amount)"}
            sinks:
              - {type: redis, from: daily, key: "daily:{day}"}
            """;

    private static final String PARTIAL_JOIN = """
            job: {name: shop}
            source: {hostname: h, username: u, server-id: 1, tables: "shop\\\\..*"}
            joins:
              - {name: doc, main: shop.orders, lookups: [{table: shop.users, on: {user_id: id}}], output: partial}
            sinks:
            """;

    @Test
    void partialJoinUpdatesOnlyReachSinksThatMergeThem() {
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(PARTIAL_JOIN
                + "  - {type: elasticsearch, from: doc, hosts: [\"http://h:9200\"], index: d}\n"
                + "  - {type: redis, from: doc, key: \"d:{id}\", format: json}\n"
                + "  - {type: jdbc, from: doc, url: \"jdbc:mysql://h/r\", table: d}\n", "shop.yaml", Map.of()),
                JobConfigException.class);
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "shop.yaml:6: sinks[0].from: join 'doc' sends partial updates (output: partial, only the key and the "
                        + "fields that changed), but this elasticsearch sink cannot apply them: mode index replaces "
                        + "whole documents, so the fields a partial update leaves out would be lost; use mode: upsert; "
                        + "or set output: full in the join",
                "shop.yaml:7: sinks[1].from: join 'doc' sends partial updates (output: partial, only the key and the "
                        + "fields that changed), but this redis sink cannot apply them: format json stores the whole "
                        + "row under the key, so the fields a partial update leaves out would be lost; use format: "
                        + "hash; or set output: full in the join",
                "shop.yaml:8: sinks[2].from: join 'doc' sends partial updates (output: partial, only the key and the "
                        + "fields that changed), but this jdbc sink cannot apply them: it writes whole rows, so the "
                        + "fields a partial update leaves out would be lost; or set output: full in the join");

        JobConfig merging = JobFiles.parse(PARTIAL_JOIN
                + "  - {type: elasticsearch, from: doc, hosts: [\"http://h:9200\"], index: d, mode: upsert}\n"
                + "  - {type: redis, from: doc, key: \"d:{id}\"}\n"
                + "  - {type: print, from: doc}\n", "shop.yaml", Map.of());
        assertThat(merging.sinks()).hasSize(3);
    }

    @Test
    void truncateDeleteIsRefusedBehindARouteThatMergesTables() {
        String yaml = "job: {name: shop}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"shop_\\\\d+\\\\..*\", startup: latest}\n"
                + "routes:\n  - {from: \"shop_\\\\d+\\\\.orders\", to: shop.orders}\n"
                + "sinks:\n"
                + "  - {type: jdbc, from: shop.orders, url: \"jdbc:mysql://h/r\", table: orders, truncate: delete}\n"
                + "  - {type: jdbc, from: shop.orders, url: \"jdbc:mysql://h/r\", table: orders_copy, truncate: ignore}\n";
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(yaml, "shop.yaml", Map.of()),
                JobConfigException.class);
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "shop.yaml:6: sinks[0].truncate: truncate: delete empties the target of shop.orders, which the route"
                        + " from 'shop_\\d+\\.orders' merges several tables into: a truncation of one would delete the"
                        + " others' rows too; expected truncate: fail or ignore");
    }

    @Test
    void pluggedCheckersSeeEveryExpressionWithItsKind() {
        List<String> seen = new ArrayList<>();
        ExpressionChecker recorder = (expression, kind) -> {
            seen.add(kind + " " + expression);
            return Optional.empty();
        };
        JobFiles.parse(JOB, "shop.yaml", Map.of(), List.of(recorder));
        assertThat(seen).containsExactly(
                "WHERE status != 'DRAFT'", "GROUP_BY date(created_at)", "MEASURE amount", "TEMPLATE daily:{day}");
    }

    @Test
    void aCheckersMessageIsReportedAtTheExpression() {
        ExpressionChecker noDate = (expression, kind) -> expression.contains("date(")
                ? Optional.of("unknown function 'date'; expected one of: day, month") : Optional.empty();
        JobConfigException e = catchThrowableOfType(
                () -> JobFiles.parse(JOB, "shop.yaml", Map.of(), List.of(noDate)), JobConfigException.class);
        assertThat(e.errors()).containsExactly(new ConfigError("shop.yaml", 8, 22, "aggregates[0].group-by.day",
                "invalid expression 'date(created_at)' at column 22: unknown function 'date'; expected one of: day, month"));
    }

    @Test
    void aCheckerThatKnowsTheColumnInsideTheExpressionMovesTheErrorThere() {
        ExpressionChecker at = (expression, kind) -> expression.contains("DRAFT")
                ? Optional.of("at column 12: unexpected 'DRAFT'") : Optional.empty();
        JobConfigException e = catchThrowableOfType(
                () -> JobFiles.parse(JOB, "shop.yaml", Map.of(), List.of(at)), JobConfigException.class);
        // the expression starts at column 38 of line 4
        assertThat(e.errors()).containsExactly(new ConfigError("shop.yaml", 4, 49, "filters[0].where",
                "invalid expression 'status != 'DRAFT'' at column 49: unexpected 'DRAFT'"));
    }

    @Test
    void aColumnPastTheExpressionOrOnAnotherLineKeepsTheStartOfTheExpression() {
        ExpressionChecker far = (expression, kind) -> expression.contains("DRAFT")
                ? Optional.of("at column 99: too far") : Optional.empty();
        ExpressionChecker line2 = (expression, kind) -> expression.contains("DRAFT")
                ? Optional.of("at line 2, column 3: elsewhere") : Optional.empty();
        assertThat(catchThrowableOfType(() -> JobFiles.parse(JOB, "shop.yaml", Map.of(), List.of(far)),
                JobConfigException.class).errors()).containsExactly(new ConfigError("shop.yaml", 4, 38,
                "filters[0].where", "invalid expression 'status != 'DRAFT'' at column 38: at column 99: too far"));
        assertThat(catchThrowableOfType(() -> JobFiles.parse(JOB, "shop.yaml", Map.of(), List.of(line2)),
                JobConfigException.class).errors()).containsExactly(new ConfigError("shop.yaml", 4, 38,
                "filters[0].where", "invalid expression 'status != 'DRAFT'' at column 38: at line 2, column 3: "
                        + "elsewhere"));
    }

    @Test
    void aFailingCheckerIsReportedNotThrown() {
        ExpressionChecker broken = (expression, kind) -> {
            throw new IllegalStateException("boom");
        };
        JobConfigException e = catchThrowableOfType(
                () -> JobFiles.parse(JOB, "shop.yaml", Map.of(), List.of(broken)), JobConfigException.class);
        assertThat(e.errors()).hasSize(4).allMatch(err -> err.message().endsWith(
                "the check failed: java.lang.IllegalStateException: boom"));
    }

    @Test
    void validatesAConfigurationBuiltInCode() {
        JobConfig parsed = JobFiles.parse(JOB, "shop.yaml", Map.of());
        JobConfig broken = new JobConfig(parsed.job(), parsed.source(), parsed.filters(), parsed.routes(),
                parsed.joins(), parsed.aggregates(),
                List.of(SinkConfig.of("print", Optional.empty(), "weekly", ErrorPolicy.FAIL, Map.of())));
        assertThat(new JobValidator().validate(broken)).extracting(ConfigError::toString).containsExactly(
                "<job>: sinks[0].from: 'weekly' is not defined; expected the name of a join or aggregate (daily) "
                        + "or a table: a route target (none defined) or a db.table matched by source.tables "
                        + "(shop\\..*)");
        assertThat(new JobValidator().validate(parsed)).isEmpty();
    }

    @Test
    void fromsThatAreNeitherNamesNorTablesAreLeftToTheTopologyBuilder() {
        JobConfig c = JobFiles.parse(JOB.replace("from: daily", "from: \"shop\\\\.order_.*\""), "shop.yaml", Map.of());
        assertThat(c.sinks().get(0).from()).isEqualTo("shop\\.order_.*");
    }
}
