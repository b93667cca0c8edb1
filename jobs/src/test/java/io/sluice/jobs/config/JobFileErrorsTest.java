package io.sluice.jobs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every kind of problem a job file can have, with the exact message the user sees. */
class JobFileErrorsTest {

    private static final Map<String, String> ENV = Map.of("PORT", "abc", "DB_PASSWORD", "s3cret-value");

    /** A valid job; each test breaks one thing in it. Lines: job 1-3, source 4-9, sinks 10-11. */
    private static final String VALID = """
            job:
              name: shop
              parallelism: 2
            source:
              hostname: 127.0.0.1
              username: cdc
              server-id: 5401
              tables: "shop\\\\.orders, shop\\\\.users"
              exclude: "shop\\\\.tmp_.*"
            sinks:
              - {type: print, from: shop.orders}
            """;

    @TempDir
    Path dir;

    private static List<String> errors(String yaml) {
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(yaml, "shop.yaml", ENV),
                JobConfigException.class);
        assertThat(e).as("the job file should be rejected").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static String replace(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }

    @Test
    void theValidJobIsValid() {
        assertThat(JobFiles.parse(VALID, "shop.yaml", ENV).job().name()).isEqualTo("shop");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        assertThat(errors(replace("  username: cdc\n", "  username: cdc\n   port: [3306\n"))).containsExactly(
                "shop.yaml:7: YAML syntax error at column 8: mapping values are not allowed here; "
                        + "check the indentation, colons and quotes");
    }

    @Test
    void emptyFile() {
        assertThat(errors("# nothing yet\n")).containsExactly("shop.yaml:1: the job file is empty; expected the "
                + "blocks job, source and sinks (and optionally filters, routes, joins, aggregates)");
    }

    @Test
    void unknownKeyListsTheAllowedKeys() {
        assertThat(errors(replace("  parallelism: 2", "  paralelism: 2"))).containsExactly(
                "shop.yaml:3: job.paralelism: unknown key 'paralelism' in block 'job' (did you mean 'parallelism'?); "
                        + "allowed keys: name, parallelism, checkpoint, restart, state-backend");
    }

    @Test
    void unknownKeyOfASinkListsTheKeysOfItsType() {
        assertThat(errors(replace("{type: print, from: shop.orders}", "{type: print, from: shop.orders, index: x}")))
                .containsExactly("shop.yaml:11: sinks[0].index: unknown key 'index' in block 'sinks[0]'; "
                        + "allowed keys: type, name, from, error-policy, path");
    }

    @Test
    void unknownTopLevelBlock() {
        assertThat(errors(VALID + "filter: []\n")).containsExactly(
                "shop.yaml:12: filter: unknown key 'filter' at the top level (did you mean 'filters'?); "
                        + "allowed keys: job, source, filters, routes, joins, aggregates, sinks");
    }

    @Test
    void duplicateYamlKey() {
        assertThat(errors(replace("  username: cdc\n", "  username: cdc\n  hostname: db2\n"))).containsExactly(
                "shop.yaml:7: source.hostname: duplicate key 'hostname' in block 'source' (first at line 5); "
                        + "keep only one");
    }

    @Test
    void wrongTypeOfScalar() {
        assertThat(errors(replace("parallelism: 2", "parallelism: \"two\""))).containsExactly(
                "shop.yaml:3: job.parallelism: expected an integer from 1 to 32768, got 'two'");
    }

    @Test
    void wrongTypeMappingForAString() {
        assertThat(errors(replace("hostname: 127.0.0.1", "hostname: {ip: 127.0.0.1}"))).containsExactly(
                "shop.yaml:5: source.hostname: expected the host name or IP address of the MySQL/MariaDB server, "
                        + "got a mapping");
    }

    @Test
    void wrongTypeOfBlock() {
        assertThat(errors(replace("sinks:\n  - {type: print, from: shop.orders}\n", "sinks: {type: print}\n")))
                .containsExactly("shop.yaml:10: sinks: expected a list of sinks, each {type, from, ...}, "
                        + "got a mapping");
    }

    @Test
    void blockThatIsNotAMapping() {
        assertThat(errors(replace("job:\n  name: shop\n  parallelism: 2\n", "job: shop\n"))).containsExactly(
                "shop.yaml:1: job: expected a mapping with the keys name, parallelism, checkpoint, restart, "
                        + "state-backend, got 'shop'");
    }

    @Test
    void missingRequiredKey() {
        assertThat(errors(replace("  hostname: 127.0.0.1\n", ""))).containsExactly(
                "shop.yaml:4: source.hostname: missing required key 'hostname' in block 'source'; "
                        + "expected the host name or IP address of the MySQL/MariaDB server");
    }

    @Test
    void requiredKeyWithoutValue() {
        assertThat(errors(replace("hostname: 127.0.0.1", "hostname:"))).containsExactly(
                "shop.yaml:5: source.hostname: key 'hostname' has no value; "
                        + "expected the host name or IP address of the MySQL/MariaDB server");
    }

    @Test
    void missingSinkType() {
        assertThat(errors(replace("{type: print, from: shop.orders}", "{from: shop.orders}"))).containsExactly(
                "shop.yaml:11: sinks[0].type: missing required key 'type' in block 'sinks[0]'; "
                        + "expected one of: print, redis, elasticsearch, jdbc, kafka, rabbitmq");
    }

    @Test
    void missingBlock() {
        assertThat(errors(replace("job:\n  name: shop\n  parallelism: 2\n", ""))).containsExactly(
                "shop.yaml:1: job: missing required key 'job' at the top level; "
                        + "expected a job block with at least a name, e.g. job: {name: shop-search}");
    }

    @Test
    void badRegexInTables() {
        assertThat(errors(replace("shop\\\\.orders, ", "shop_(\\\\d+\\\\.orders, "))).containsExactly(
                "shop.yaml:8: source.tables: invalid regular expression 'shop_(\\d+\\.orders': Unclosed group "
                        + "near index 17; expected a Java regular expression on db.table, e.g. shop_\\d+\\.orders_\\d+");
    }

    @Test
    void badRegexInAFilter() {
        assertThat(errors(VALID + "filters:\n  - {table: \"shop[.orders\"}\n")).containsExactly(
                "shop.yaml:13: filters[0].table: invalid regular expression 'shop[.orders': Unclosed character class "
                        + "near index 11; expected a Java regular expression on db.table, e.g. shop_\\d+\\.orders_\\d+");
    }

    @Test
    void unknownSinkType() {
        assertThat(errors(replace("type: print", "type: redis2"))).containsExactly(
                "shop.yaml:11: sinks[0].type: unknown sink type 'redis2'; "
                        + "expected one of: print, redis, elasticsearch, jdbc, kafka, rabbitmq");
    }

    @Test
    void unknownChoice() {
        assertThat(errors(replace("  parallelism: 2\n", "  parallelism: 2\n  state-backend: memory\n")))
                .containsExactly("shop.yaml:4: job.state-backend: unknown state backend 'memory'; "
                        + "expected one of: hashmap, rocksdb");
    }

    @Test
    void sinkFromAnUndefinedName() {
        String yaml = VALID + """
                joins:
                  - {name: order_doc, main: shop.orders}
                """;
        assertThat(errors(yaml.replace("from: shop.orders}", "from: order_docs}"))).containsExactly(
                "shop.yaml:11: sinks[0].from: 'order_docs' is not defined (did you mean 'order_doc'?); expected the "
                        + "name of a join or aggregate (order_doc) or a table: a route target (none defined) or a "
                        + "db.table matched by source.tables (shop\\.orders, shop\\.users)");
    }

    @Test
    void aggregateFromAnUndefinedName() {
        String yaml = VALID + """
                aggregates:
                  - {name: daily, from: orders_by_day, measures: {n: count()}}
                """;
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:13: aggregates[0].from: 'orders_by_day' is not defined; expected the name of a join or "
                        + "aggregate (daily) or a table: a route target (none defined) or a db.table matched by "
                        + "source.tables (shop\\.orders, shop\\.users)");
    }

    @Test
    void sinkFromATableTheSourceDoesNotRead() {
        assertThat(errors(replace("from: shop.orders}", "from: shop.order}"))).containsExactly(
                "shop.yaml:11: sinks[0].from: table 'shop.order' is not read by the source and no route writes it; "
                        + "expected a route target (none defined) or a db.table matched by source.tables "
                        + "(shop\\.orders, shop\\.users)");
    }

    @Test
    void sinkFromAnExcludedTable() {
        String yaml = replace("shop\\\\.users\"", "shop\\\\..*\"").replace("from: shop.orders}", "from: shop.tmp_x}");
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:11: sinks[0].from: table 'shop.tmp_x' is excluded by source.exclude (shop\\.tmp_.*); "
                        + "expected a route target (none defined) or a db.table matched by source.tables "
                        + "(shop\\.orders, shop\\..*)");
    }

    @Test
    void routeTargetsAndMatchedTablesAreDefined() {
        String yaml = VALID + """
                routes:
                  - {from: "shop_\\\\d+\\\\.orders", to: shop.all_orders}
                joins:
                  - {name: order_doc, main: shop.all_orders, lookups: [{table: shop.users, on: {user_id: id}}]}
                """;
        JobConfig c = JobFiles.parse(yaml.replace("from: shop.orders}", "from: order_doc}"), "shop.yaml", ENV);
        assertThat(c.sinks().get(0).from()).isEqualTo("order_doc");
    }

    @Test
    void joinOfATableNothingProduces() {
        String yaml = VALID + """
                joins:
                  - {name: order_doc, main: shop.orders, lookups: [{table: shop.buyers, on: {user_id: id}}]}
                """;
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:13: joins[0].lookups[0].table: table 'shop.buyers' is not read by the source and no route "
                        + "writes it; expected a route target (none defined) or a db.table matched by source.tables "
                        + "(shop\\.orders, shop\\.users)");
    }

    @Test
    void duplicateJoinNames() {
        String yaml = VALID + """
                joins:
                  - {name: order_doc, main: shop.orders}
                  - {name: order_doc, main: shop.users}
                """;
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:14: joins[1].name: duplicate name 'order_doc': joins[0] (line 13) already has it; "
                        + "names of joins and aggregates must be unique");
    }

    @Test
    void duplicateNameOfAJoinAndAnAggregate() {
        String yaml = VALID + """
                joins:
                  - {name: orders, main: shop.orders}
                aggregates:
                  - {name: orders, from: shop.orders, measures: {n: count()}}
                """;
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:15: aggregates[0].name: duplicate name 'orders': joins[0] (line 13) already has it; "
                        + "names of joins and aggregates must be unique");
    }

    @Test
    void duplicateSinkNames() {
        String yaml = replace("  - {type: print, from: shop.orders}\n",
                "  - {type: print, name: out, from: shop.orders}\n  - {type: print, name: out, from: shop.users}\n");
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:12: sinks[1].name: duplicate sink name 'out': sinks[0] (line 11) already has it; "
                        + "sink names must be unique, they fix the operators' uids");
    }

    @Test
    void aggregatesReadingFromEachOther() {
        String yaml = VALID + """
                aggregates:
                  - {name: a, from: b, measures: {n: count()}}
                  - {name: b, from: a, measures: {n: count()}}
                """;
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:13: aggregates[0].from: aggregates read from each other in a cycle: a -> b -> a; "
                        + "expected each aggregate to read from a table, a join or an earlier aggregate");
    }

    @Test
    void invalidDuration() {
        assertThat(errors(replace("  parallelism: 2\n", "  parallelism: 2\n  checkpoint: {interval: 10 sec}\n")))
                .containsExactly("shop.yaml:4: job.checkpoint.interval: invalid duration '10 sec'; "
                        + "expected a whole number with a unit ms, s, m, h or d (e.g. 500ms, 10s, 2m, 1h)");
    }

    @Test
    void bulkRequestsInFlightOutOfRange() {
        String es = "{type: elasticsearch, from: shop.orders, hosts: [\"http://127.0.0.1:9200\"], index: orders, "
                + "bulk: {max-in-flight: %s}}";
        assertThat(errors(replace("{type: print, from: shop.orders}", es.formatted("0")))).containsExactly(
                "shop.yaml:11: sinks[0].bulk.max-in-flight: 0 is out of range; expected an integer from 1 to 64");
        assertThat(errors(replace("{type: print, from: shop.orders}", es.formatted("many")))).containsExactly(
                "shop.yaml:11: sinks[0].bulk.max-in-flight: expected an integer from 1 to 64, got 'many'");
    }

    @Test
    void durationWithoutUnit() {
        assertThat(errors(replace("  exclude:", "  heartbeat-interval: 30\n  exclude:"))).containsExactly(
                "shop.yaml:9: source.heartbeat-interval: invalid duration '30'; "
                        + "expected a whole number with a unit ms, s, m, h or d (e.g. 500ms, 10s, 2m, 1h)");
    }

    @Test
    void invalidTimeZone() {
        assertThat(errors(replace("  exclude:", "  server-time-zone: Asia/Shang\n  exclude:"))).containsExactly(
                "shop.yaml:9: source.server-time-zone: invalid time zone 'Asia/Shang'; "
                        + "expected a region ID such as Asia/Shanghai, an offset such as +08:00, or UTC");
    }

    @Test
    void invalidServerIdRange() {
        assertThat(errors(replace("server-id: 5401", "server-id: 5404-5400"))).containsExactly(
                "shop.yaml:7: source.server-id: invalid server id or range '5404-5400': the start 5404 is greater "
                        + "than the end 5400; expected an id from 1 to 4294967295, unique among the server's "
                        + "replicas, or a range like 5400-5404");
    }

    @Test
    void serverIdOutOfRange() {
        assertThat(errors(replace("server-id: 5401", "server-id: 0"))).containsExactly(
                "shop.yaml:7: source.server-id: invalid server id or range '0': 0 is outside 1..4294967295; "
                        + "expected an id from 1 to 4294967295, unique among the server's replicas, "
                        + "or a range like 5400-5404");
    }

    @Test
    void portOutOfRange() {
        assertThat(errors(replace("  username: cdc\n", "  username: cdc\n  port: 70000\n"))).containsExactly(
                "shop.yaml:7: source.port: 70000 is out of range; expected an integer from 1 to 65535");
    }

    @Test
    void chunkSizeNotPositive() {
        assertThat(errors(replace("  exclude:", "  chunk-size: 0\n  exclude:"))).containsExactly(
                "shop.yaml:9: source.chunk-size: 0 is out of range; expected an integer of at least 1");
    }

    @Test
    void chunkSizeNotAnInteger() {
        assertThat(errors(replace("  exclude:", "  chunk-size: 8k\n  exclude:"))).containsExactly(
                "shop.yaml:9: source.chunk-size: expected an integer of at least 1, got '8k'");
    }

    @Test
    void scanNewlyAddedTablesNotABoolean() {
        assertThat(errors(replace("  exclude:", "  scan-newly-added-tables: sometimes\n  exclude:"))).containsExactly(
                "shop.yaml:9: source.scan-newly-added-tables: expected true or false, got 'sometimes'");
    }

    @Test
    void invalidJobName() {
        assertThat(errors(replace("name: shop", "name: \"shop search\""))).containsExactly(
                "shop.yaml:2: job.name: invalid job name 'shop search'; expected a name of letters, digits, '_', "
                        + "'-' and '.', starting with a letter or digit (it names the checkpoint directory)");
    }

    @Test
    void conflictingStartPositions() {
        assertThat(errors(replace("  exclude:", "  startup: {file: mysql-bin.000001, position: 4, gtid: 0-1-9}\n"
                + "  exclude:"))).containsExactly(
                "shop.yaml:9: source.startup: conflicting start positions {file, position} and {gtid}; expected "
                        + "exactly one of initial, snapshot, earliest, latest, {file, position}, {gtid} or {timestamp}");
    }

    @Test
    void invalidStartTimestamp() {
        assertThat(errors(replace("  exclude:", "  startup: {timestamp: 2024-05-01T08:00:00}\n  exclude:")))
                .containsExactly("shop.yaml:9: source.startup.timestamp: invalid timestamp '2024-05-01T08:00:00'; "
                        + "expected an ISO-8601 time with a zone offset (e.g. 2024-05-01T08:00:00+08:00 or "
                        + "2024-05-01T00:00:00Z) or epoch milliseconds");
    }

    @Test
    void unknownFilterOperation() {
        assertThat(errors(VALID + "filters:\n  - {table: \"shop\\\\.orders\", ops: [c, upsert]}\n")).containsExactly(
                "shop.yaml:13: filters[0].ops: unknown operation 'upsert'; expected one of: c, u, d, ddl");
    }

    @Test
    void unbalancedWhereExpression() {
        assertThat(errors(VALID + "filters:\n  - {table: \"shop\\\\.orders\", where: \"(status = 'NEW'\"}\n"))
                .containsExactly("shop.yaml:13: filters[0].where: invalid expression \"(status = 'NEW'\" at column 38: "
                        .replace('"', '\'') + "'(' at offset 0 is not closed");
    }

    @Test
    void unknownMeasureFunction() {
        String yaml = VALID + """
                aggregates:
                  - {name: daily, from: shop.orders, measures: {mid: "median(amount)"}}
                """;
        assertThat(errors(yaml)).containsExactly(
                "shop.yaml:13: aggregates[0].measures.mid: unknown function 'median' in measure 'median(amount)'; "
                        + "expected one of: count, sum, min, max, avg, count_distinct");
    }

    @Test
    void unclosedTemplatePlaceholder() {
        assertThat(errors(replace("{type: print, from: shop.orders}", "{type: redis, from: shop.users, key: \"user:{id\"}")))
                .containsExactly("shop.yaml:11: sinks[0].key: invalid template 'user:{id' at column 43: the placeholder '{' at "
                        + "offset 5 is not closed; placeholders are written {column} or {expression}");
    }

    @Test
    void kafkaKeysThatDoNotGoTogether() {
        String kafka = "{type: kafka, from: shop.users, bootstrap-servers: \"127.0.0.1:9092\", topic: \"cdc.{table}\"";
        assertThat(errors(replace("{type: print, from: shop.orders}", kafka + ", schema-include: true}")))
                .containsExactly("shop.yaml:11: sinks[0].schema-include: schema-include is only used with format: "
                        + "debezium-json; remove it or set format: debezium-json");
        assertThat(errors(replace("{type: print, from: shop.orders}", kafka + ", ddl-topic: \"ddl.{id}\"}")))
                .containsExactly("shop.yaml:11: sinks[0].ddl-topic: ddl-topic may only use {db} and {table} (a schema "
                        + "change has no row); found {id}");
        assertThat(errors(replace("{type: print, from: shop.orders}", kafka + ", delivery: exactly-once, acks: 1}")))
                .containsExactly("shop.yaml:11: sinks[0].acks: exactly-once needs acks: all (Kafka transactions need "
                        + "the idempotent producer)");
        assertThat(errors(replace("{type: print, from: shop.orders}", kafka + ", security-protocol: sasl_ssl, "
                + "username: cdc}")))
                .containsExactly("shop.yaml:11: sinks[0].password: missing required key 'password' in block "
                        + "'sinks[0]'; expected username and password (security-protocol sasl_ssl logs in with both)");
        assertThat(errors(replace("{type: print, from: shop.orders}", kafka + ", properties: {transactional.id: x}}")))
                .containsExactly("shop.yaml:11: sinks[0].properties: properties may not set transactional.id; the "
                        + "sink sets it (use transactional-id-prefix)");
        assertThat(errors(replace("{type: print, from: shop.orders}", kafka + ", format: canal, truncate: delete}")))
                .containsExactly("shop.yaml:11: sinks[0].format: unknown message format 'canal'; expected one of: "
                        + "canal-json, debezium-json, json",
                        "shop.yaml:11: sinks[0].truncate: truncate: delete is not available for this sink: a topic's "
                        + "consumers hold the rows, not the sink; expected fail or ignore");
    }

    @Test
    void redisTlsTruststoreNeedsTlsAndItsPasswordNeedsTheTruststore() {
        assertThat(errors(replace("{type: print, from: shop.orders}",
                "{type: redis, from: shop.users, key: \"u:{id}\", tls-truststore: /etc/ca.p12}")))
                .containsExactly("shop.yaml:11: sinks[0].tls-truststore: tls-truststore is only used with tls: true; "
                        + "set tls: true or remove it");
        assertThat(errors(replace("{type: print, from: shop.orders}",
                "{type: redis, from: shop.users, key: \"u:{id}\", tls: true, tls-truststore-password: x}")))
                .containsExactly("shop.yaml:11: sinks[0].tls-truststore-password: tls-truststore-password needs "
                        + "tls-truststore (the trust store it opens)");
        assertThat(errors(replace("{type: print, from: shop.orders}",
                "{type: redis, from: shop.users, key: \"u:{id}\", tls: true, tls-truststore: \" \"}")))
                .containsExactly("shop.yaml:11: sinks[0].tls-truststore: the value is empty; expected the path of a "
                        + "PKCS12 or JKS trust store");
        assertThat(errors(replace("{type: print, from: shop.orders}",
                "{type: redis, from: shop.users, key: \"u:{id}\", tls-trust: /etc/ca.p12}")))
                .singleElement().asString().contains("unknown key 'tls-trust'",
                        "allowed keys: type, name, from, error-policy, host, port, cluster, username, password, "
                                + "database, tls, tls-truststore, tls-truststore-password, key,");
    }

    @Test
    void deadLetterIndexOnlyForElasticsearch() {
        assertThat(errors(replace("from: shop.orders}", "from: shop.orders, error-policy: {dead-letter: {index: bad}}}")))
                .containsExactly("shop.yaml:11: sinks[0].error-policy.dead-letter.index: a dead-letter index is only "
                        + "available to elasticsearch sinks; expected {path: FILE}");
    }

    @Test
    void jdbcUrlPasswordIsMaskedInTheMessage() {
        assertThat(errors(replace("{type: print, from: shop.orders}",
                "{type: jdbc, from: shop.orders, url: \"mysql://h/r?password=hunter2\", table: t}")))
                .containsExactly("shop.yaml:11: sinks[0].url: invalid JDBC URL 'mysql://h/r?password=******'; "
                        + "expected a JDBC URL, e.g. jdbc:mysql://127.0.0.1:3306/report?rewriteBatchedStatements=true");
    }

    @Test
    void missingEnvironmentVariable() {
        assertThat(errors(replace("  username: cdc\n", "  username: cdc\n  password: ${env:SHOP_DB_PASSWORD}\n")))
                .containsExactly("shop.yaml:7: source.password: environment variable 'SHOP_DB_PASSWORD' is not set "
                        + "(referenced as ${env:SHOP_DB_PASSWORD}); set it, or write the value here");
    }

    @Test
    void unreadableFile() {
        Path missing = dir.resolve("db.secret");
        assertThat(errors(replace("  username: cdc\n", "  username: cdc\n  password: ${file:" + missing + "}\n")))
                .containsExactly("shop.yaml:7: source.password: cannot read ${file:" + missing + "}: file " + missing
                        + " does not exist");
    }

    @Test
    void unsupportedReference() {
        assertThat(errors(replace("  username: cdc\n", "  username: cdc\n  password: ${DB_PASSWORD}\n")))
                .containsExactly("shop.yaml:7: source.password: unsupported reference '${DB_PASSWORD}'; expected "
                        + "${env:NAME}, ${env:NAME:-default} or ${file:/path} (write $${ for a literal ${)");
    }

    @Test
    void aSubstitutedValueIsNeverShown() {
        List<String> errors = errors(replace("  username: cdc\n", "  username: cdc\n  port: ${env:PORT}\n"
                + "  startup: ${env:DB_PASSWORD}\n"));
        assertThat(errors).containsExactly(
                "shop.yaml:7: source.port: expected an integer from 1 to 65535, got '${env:PORT}'",
                "shop.yaml:8: source.startup: unknown startup mode '${env:DB_PASSWORD}'; expected initial, snapshot, "
                        + "earliest, latest, {file, position}, {gtid} or {timestamp}");
        assertThat(String.join("\n", errors)).doesNotContain("abc", "s3cret");
    }

    @Test
    void everyErrorIsReportedInFileOrder() {
        String yaml = """
                job:
                  name: shop
                  parallelism: "two"
                source:
                  username: cdc
                  port: 70000
                  server-id: 5404-5400
                  tables: "shop\\\\.orders"
                sinks:
                  - {type: redis2, from: shop.orders}
                  - {type: print, from: order_docs}
                """;
        JobConfigException e = catchThrowableOfType(() -> JobFiles.parse(yaml, "shop.yaml", ENV),
                JobConfigException.class);
        assertThat(e.errors()).extracting(ConfigError::line).containsExactly(3, 4, 6, 7, 10, 11);
        assertThat(e.getMessage().lines()).hasSize(6).allMatch(line -> line.startsWith("shop.yaml:"));
        assertThat(e.getMessage().lines().toList().get(1)).isEqualTo(
                "shop.yaml:4: source.hostname: missing required key 'hostname' in block 'source'; "
                        + "expected the host name or IP address of the MySQL/MariaDB server");
        assertThat(e.errors().get(0)).isEqualTo(new ConfigError("shop.yaml", 3, 16, "job.parallelism",
                "expected an integer from 1 to 32768, got 'two'"));
    }

    @Test
    void loadNamesTheFileAsGiven() throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, replace("parallelism: 2", "parallelism: 0"));
        assertThatThrownBy(() -> JobFiles.load(file))
                .isInstanceOf(JobConfigException.class)
                .hasMessage(file + ":3: job.parallelism: 0 is out of range; expected an integer from 1 to 32768");
    }
}
