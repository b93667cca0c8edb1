package io.sluice.jobs.config;

import io.sluice.source.config.SourceType;
import io.sluice.source.config.ZeroDatePolicy;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import io.sluice.core.table.TablePattern;
import io.sluice.core.failure.ErrorPolicy;

import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;
import io.sluice.event.ColumnSelection;
import io.sluice.source.config.SourceTls;
import io.sluice.sinks.elasticsearch.ElasticsearchSinkFactory;
import io.sluice.sinks.elasticsearch.ElasticsearchWriteMode;
import io.sluice.sinks.jdbc.JdbcSinkFactory;
import io.sluice.sinks.jdbc.JdbcWriteMode;
import io.sluice.sinks.redis.RedisFormat;
import io.sluice.sinks.redis.RedisSinkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a complete job file into the model, and the example jobs. */
class JobFilesTest {

    private static final Map<String, String> ENV = Map.of(
            "SHOP_DB_PASSWORD", "db-secret", "ES_PASSWORD", "es-secret", "REPORT_PASSWORD", "report-secret");

    @TempDir
    Path dir;

    private JobConfig loadFullJob() throws IOException {
        Path job = dir.resolve("full-job.yaml");
        try (InputStream in = getClass().getResourceAsStream("full-job.yaml")) {
            Files.write(job, in.readAllBytes());
        }
        Files.writeString(dir.resolve("redis.secret"), "redis-secret\n");
        return JobFiles.load(job, ENV, List.of());
    }

    @Test
    void readsJobSettings() throws IOException {
        JobSettings job = loadFullJob().job();
        assertThat(job.name()).isEqualTo("shop-search");
        assertThat(job.parallelism()).isEqualTo(4);
        assertThat(job.checkpoint()).isEqualTo(new CheckpointSettings(Duration.ofSeconds(30),
                CheckpointMode.AT_LEAST_ONCE, Optional.of("file:///var/sluice/checkpoints")));
        assertThat(job.restart()).isEqualTo(new RestartStrategy.FixedDelay(5, Duration.ofMinutes(2)));
        assertThat(job.stateBackend()).isEqualTo(StateBackendKind.ROCKSDB);
    }

    @Test
    void readsSource() throws IOException {
        SourceConfig s = loadFullJob().source();
        assertThat(s.type()).isEqualTo(SourceType.MYSQL);
        assertThat(s.hostname()).isEqualTo("db.internal");
        assertThat(s.port()).isEqualTo(3307);
        assertThat(s.username()).isEqualTo("cdc");
        assertThat(s.password()).contains(Secret.of("db-secret"));
        assertThat(s.serverId()).isEqualTo(new ServerIdRange(5400, 5404));
        assertThat(s.tables()).extracting(TablePattern::regex).containsExactly(
                "shop_\\d+\\.orders_\\d+", "shop_\\d{1,3}\\.order_items_\\d+", "shop\\.users", "shop\\.audit_log");
        assertThat(s.exclude()).extracting(TablePattern::regex).containsExactly("shop_\\d+\\.tmp_.*");
        assertThat(s.startup()).isEqualTo(StartupOptions.position("mysql-bin.000003", 154));
        assertThat(s.stopAt()).contains(StopOptions.atLatest());
        assertThat(s.serverTimeZone()).contains(ZoneId.of("Asia/Shanghai"));
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.zeroDate()).isEqualTo(ZeroDatePolicy.STRING);
        assertThat(s.bit1AsBoolean()).isTrue();
        assertThat(s.keyFor("shop.audit_log")).contains(List.of("log_id", "ts"));
        assertThat(s.keyFor("shop.users")).isEmpty();
        assertThat(s.options()).containsExactly(
                Map.entry("snapshot.chunk.size", "8096"), Map.entry("ssl.password", "hunter2"));
        assertThat(s.captures("SHOP_3.orders_7")).isTrue();
        assertThat(s.captures("shop_3.tmp_orders")).isFalse();
    }

    @Test
    void readsFiltersAndRoutes() throws IOException {
        JobConfig c = loadFullJob();
        FilterConfig orders = c.filters().get(0);
        assertThat(orders.table().regex()).isEqualTo("shop_\\d+\\.orders_\\d+");
        assertThat(orders.ops()).containsExactly(ChangeOp.INSERT, ChangeOp.UPDATE, ChangeOp.DELETE);
        assertThat(orders.where()).contains(new Expr("status != 'DRAFT'", 37, 13));
        assertThat(orders.columns()).isEqualTo(ColumnSelection.exclude(List.of("internal_note")));
        FilterConfig users = c.filters().get(1);
        assertThat(users.ops()).containsExactly(ChangeOp.INSERT, ChangeOp.DDL);
        assertThat(users.where()).isEmpty();
        assertThat(users.columns().keeps("CITY")).isTrue();
        assertThat(users.columns().keeps("password_hash")).isFalse();

        assertThat(c.routes()).containsExactly(
                new RouteConfig(TablePattern.compile("shop_\\d+\\.orders_\\d+"), new TableName("shop", "orders"),
                        List.of("id"), true),
                new RouteConfig(TablePattern.compile("shop_\\d+\\.order_items_\\d+"),
                        new TableName("shop", "order_items"), List.of(), false));
    }

    @Test
    void readsJoins() throws IOException {
        JoinConfig join = loadFullJob().join("order_doc").orElseThrow();
        assertThat(join.main()).isEqualTo(new TableName("shop", "orders"));
        assertThat(join.output()).isEqualTo(JoinOutput.PARTIAL);
        LookupConfig audit = new LookupConfig(new TableName("shop", "audit_log"), Map.of("id", "user_id"),
                Map.of("action", "action"), List.of());
        assertThat(join.lookups()).containsExactly(new LookupConfig(new TableName("shop", "users"),
                Map.of("user_id", "id"), Map.of("name", "buyer_name"), List.of(audit)));
        assertThat(join.children()).containsExactly(new ChildConfig(new TableName("shop", "order_items"),
                Map.of("id", "order_id"), "items", Map.of("sku", "sku", "quantity", "quantity")));
    }

    @Test
    void readsAggregatesWithExpressionPositions() throws IOException {
        JobConfig c = loadFullJob();
        AggregateConfig daily = c.aggregate("seller_daily").orElseThrow();
        assertThat(daily.from()).isEqualTo("shop.orders");
        assertThat(daily.groupBy()).containsExactly(
                Map.entry("seller_id", new Expr("seller_id", 67, 27)),
                Map.entry("day", new Expr("date(created_at)", 67, 44)));
        assertThat(daily.measures()).containsExactly(
                Map.entry("gmv", new Measure(AggregateFunction.SUM, Optional.of(new Expr("amount", 69, 17)))),
                Map.entry("orders", new Measure(AggregateFunction.COUNT, Optional.empty())),
                Map.entry("buyers", new Measure(AggregateFunction.COUNT_DISTINCT,
                        Optional.of(new Expr("user_id", 71, 32)))));
        assertThat(daily.measures().get("buyers")).hasToString("count_distinct(user_id)");

        AggregateConfig total = c.aggregate("seller_total").orElseThrow();
        assertThat(total.from()).isEqualTo("seller_daily");
        assertThat(total.groupBy()).containsOnlyKeys("seller_id");
        assertThat(total.measures().get("rows")).isEqualTo(new Measure(AggregateFunction.COUNT, Optional.empty()));
    }

    @Test
    void readsSinks() throws IOException {
        List<SinkConfig> sinks = loadFullJob().sinks();
        assertThat(sinks).extracting(SinkConfig::type).containsExactly(
                "print", "redis", "redis", "elasticsearch", "jdbc");

        assertThat(sinks.get(0)).isEqualTo(SinkConfig.of("print", Optional.of("raw"), "shop.orders",
                ErrorPolicy.LOG, Map.of("path", "/tmp/orders.jsonl")));

        SinkConfig users = sinks.get(1);
        ParsedOptions u = users.options();
        assertThat(users.name()).isEmpty();
        assertThat(users.from()).isEqualTo("shop.users");
        assertThat(u.get(RedisSinkFactory.HOST)).isEqualTo("redis.internal");
        assertThat(u.get(RedisSinkFactory.PORT)).isEqualTo(6380);
        assertThat(u.get(RedisSinkFactory.CLUSTER)).isEmpty();
        assertThat(u.getOptional(RedisSinkFactory.USERNAME)).contains("sluice");
        assertThat(u.getOptional(RedisSinkFactory.PASSWORD)).contains(Secret.of("redis-secret"));
        assertThat(u.get(RedisSinkFactory.DATABASE)).isEqualTo(2);
        assertThat(u.get(RedisSinkFactory.TLS)).isTrue();
        assertThat(u.getOptional(RedisSinkFactory.TLS_TRUSTSTORE)).contains("/etc/sluice/redis-ca.p12");
        assertThat(u.getOptional(RedisSinkFactory.TLS_TRUSTSTORE_PASSWORD)).contains(Secret.of("hunter2"));
        assertThat(u.get(RedisSinkFactory.KEY)).isEqualTo("user:{id}");
        assertThat(u.get(RedisSinkFactory.FORMAT)).isEqualTo(RedisFormat.VALUE);
        assertThat(u.getOptional(RedisSinkFactory.VALUE_COLUMN)).contains("name");
        assertThat(u.getOptional(RedisSinkFactory.TTL)).contains(Duration.ofHours(1));
        assertThat(u.get(RedisSinkFactory.COLUMNS)).isEqualTo(ColumnSelection.include(List.of("id", "name")));
        assertThat(users.errorPolicy()).isEqualTo(new ErrorPolicy.DeadLetter(ErrorPolicy.DeadLetter.Target.PATH,
                "/var/sluice/users.dead.jsonl"));

        SinkConfig sellers = sinks.get(2);
        assertThat(sellers.options().get(RedisSinkFactory.CLUSTER)).containsExactly("10.0.0.1:7000", "10.0.0.2:7000");
        assertThat(sellers.options().get(RedisSinkFactory.FORMAT)).isEqualTo(RedisFormat.JSON);
        assertThat(sellers.errorPolicy()).isEqualTo(ErrorPolicy.FAIL);

        SinkConfig es = sinks.get(3);
        ParsedOptions e = es.options();
        assertThat(es.from()).isEqualTo("order_doc");
        assertThat(e.get(ElasticsearchSinkFactory.HOSTS)).containsExactly("http://127.0.0.1:9200", "https://es2.internal:9243");
        assertThat(e.getOptional(ElasticsearchSinkFactory.USERNAME)).contains("elastic");
        assertThat(e.getOptional(ElasticsearchSinkFactory.PASSWORD)).contains(Secret.of("es-secret"));
        assertThat(e.get(ElasticsearchSinkFactory.INDEX)).isEqualTo("orders_{region}");
        assertThat(e.getOptional(ElasticsearchSinkFactory.ID)).contains("{id}");
        assertThat(e.getOptional(ElasticsearchSinkFactory.ROUTING)).contains("{user_id}");
        assertThat(e.get(ElasticsearchSinkFactory.MODE)).isEqualTo(ElasticsearchWriteMode.UPSERT);
        Options bulk = e.get(ElasticsearchSinkFactory.BULK);
        assertThat(List.of(bulk.get(ElasticsearchSinkFactory.BULK_ACTIONS), bulk.get(ElasticsearchSinkFactory.BULK_BYTES),
                bulk.get(ElasticsearchSinkFactory.BULK_INTERVAL), bulk.get(ElasticsearchSinkFactory.BULK_MAX_IN_FLIGHT)))
                .containsExactly(500, 2L << 20, Duration.ofSeconds(2), 4);
        assertThat(es.errorPolicy()).isEqualTo(new ErrorPolicy.DeadLetter(ErrorPolicy.DeadLetter.Target.INDEX,
                "orders_rejected"));

        ParsedOptions jdbc = sinks.get(4).options();
        assertThat(jdbc.get(JdbcSinkFactory.URL)).isEqualTo("jdbc:mysql://127.0.0.1:3306/report?user=r&password=report-secret");
        assertThat(jdbc.getOptional(JdbcSinkFactory.USERNAME)).contains("report");
        assertThat(jdbc.getOptional(JdbcSinkFactory.PASSWORD)).contains(Secret.of("report-secret"));
        assertThat(jdbc.get(JdbcSinkFactory.TABLE)).isEqualTo("seller_daily_{seller_id % 4}");
        assertThat(jdbc.getOptional(JdbcSinkFactory.DATABASE)).contains("report");
        assertThat(jdbc.get(JdbcSinkFactory.MODE)).isEqualTo(JdbcWriteMode.XA);
        assertThat(jdbc.get(JdbcSinkFactory.CREATE_TABLES)).isTrue();
    }

    @Test
    void printingTheModelNeverShowsASecret() throws IOException {
        String printed = loadFullJob().toString();
        assertThat(printed).doesNotContain("db-secret", "es-secret", "report-secret", "redis-secret", "hunter2");
        assertThat(printed).contains("password=******", "ssl.password=******", "snapshot.chunk.size=8096");
    }

    @Test
    void defaultsApplyToAMinimalJob() {
        JobConfig c = JobFiles.parse("job: {name: t}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\"}\n"
                + "sinks: [{type: print, from: a.b}]\n", "t.yaml", Map.of());
        assertThat(c.job()).isEqualTo(new JobSettings("t", 1, CheckpointSettings.DEFAULT, RestartStrategy.DEFAULT,
                StateBackendKind.HASHMAP));
        SourceConfig s = c.source();
        assertThat(s.port()).isEqualTo(3306);
        assertThat(s.password()).isEmpty();
        assertThat(s.startup()).isEqualTo(StartupOptions.initial());
        assertThat(s.stopAt()).isEmpty();
        assertThat(s.serverTimeZone()).isEmpty();
        assertThat(s.zeroDate()).isEqualTo(ZeroDatePolicy.NULL);
        assertThat(c.filters()).isEmpty();
        assertThat(c.sinks()).containsExactly(
                SinkConfig.of("print", Optional.empty(), "a.b", ErrorPolicy.FAIL, Map.of()));
    }

    @Test
    void readsEveryStartupForm() {
        assertThat(startup("snapshot")).isEqualTo(StartupOptions.snapshot());
        assertThat(startup("earliest")).isEqualTo(StartupOptions.earliest());
        assertThat(startup("latest")).isEqualTo(StartupOptions.latest());
        assertThat(startup("{gtid: \"0-1-100\"}")).isEqualTo(StartupOptions.gtid("0-1-100"));
        assertThat(startup("{timestamp: 2024-05-01T08:00:00+08:00}"))
                .isEqualTo(StartupOptions.timestamp(java.time.Instant.parse("2024-05-01T00:00:00Z").toEpochMilli()));
        assertThat(startup("{timestamp: 1714521600000}"))
                .isEqualTo(StartupOptions.timestamp(java.time.Instant.parse("2024-05-01T00:00:00Z").toEpochMilli()));
    }

    @Test
    void readsRestartStrategiesByNameOrWithSettings() {
        assertThat(restart("none")).isEqualTo(new RestartStrategy.None());
        assertThat(restart("fixed-delay")).isEqualTo(new RestartStrategy.FixedDelay(3, Duration.ofSeconds(10)));
        assertThat(restart("{exponential-delay: {initial: 2s, max: 5m}}"))
                .isEqualTo(new RestartStrategy.ExponentialDelay(Duration.ofSeconds(2), Duration.ofMinutes(5)));
    }

    @Test
    void mergeKeysShareSettingsBetweenSinks() {
        JobConfig c = JobFiles.parse("job: {name: t}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\..*\"}\n"
                + "sinks:\n"
                + "  - &redis {type: redis, from: a.b, host: r1, port: 7000, key: \"b:{id}\"}\n"
                + "  - {<<: *redis, from: a.c, key: \"c:{id}\"}\n", "t.yaml", Map.of());
        SinkConfig second = c.sinks().get(1);
        assertThat(second.options().get(RedisSinkFactory.HOST)).isEqualTo("r1");
        assertThat(second.options().get(RedisSinkFactory.PORT)).isEqualTo(7000);
        assertThat(second.from()).isEqualTo("a.c");
        assertThat(second.options().get(RedisSinkFactory.KEY)).isEqualTo("c:{id}");
    }

    @Test
    void theShopExampleUsesEveryBlock() {
        JobConfig c = JobFiles.load(Path.of("examples/shop.yaml"), Map.of(), List.of());
        assertThat(c.filters()).isNotEmpty();
        assertThat(c.routes()).isNotEmpty();
        assertThat(c.joins()).isNotEmpty();
        assertThat(c.aggregates()).isNotEmpty();
        // the message-queue sinks publish changes rather than keep a copy; shop-kafka.yaml shows them
        assertThat(c.sinks()).extracting(SinkConfig::type).containsExactlyInAnyOrderElementsOf(
                SinkRegistry.load().types().stream().filter(t -> !t.equals("kafka") && !t.equals("rabbitmq")).toList());
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> JobFiles.load(missing))
                .isInstanceOf(JobConfigException.class)
                .hasMessage(missing + ": the job file does not exist");
    }

    private static StartupOptions startup(String yaml) {
        return JobFiles.parse("job: {name: t}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\", startup: " + yaml + "}\n"
                + "sinks: [{type: print, from: a.b}]\n", "t.yaml", Map.of()).source().startup();
    }

    private static RestartStrategy restart(String yaml) {
        return JobFiles.parse("job: {name: t, restart: " + yaml + "}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\"}\n"
                + "sinks: [{type: print, from: a.b}]\n", "t.yaml", Map.of()).job().restart();
    }


    @Test
    void readsSourceTls() {
        String job = "job: {name: t}\n"
                + "source: {hostname: h, username: u, server-id: 1, tables: \"a\\\\.b\", tls: %s}\n"
                + "sinks: [{type: print, from: a.b}]\n";
        assertThat(JobFiles.parse(job.formatted("required"), "t.yaml", Map.of()).source().tls())
                .isEqualTo(new SourceTls(SourceTls.Mode.REQUIRED, null, null));
        JobConfig c = JobFiles.parse(job.formatted(
                "{mode: verify-ca, truststore: /etc/ca.p12, truststore-password: \"${env:TPW}\"}"), "t.yaml",
                Map.of("TPW", "trust-secret"));
        assertThat(c.source().tls()).isEqualTo(new SourceTls(SourceTls.Mode.VERIFY_CA, "/etc/ca.p12", "trust-secret"));
        assertThat(c.toString()).doesNotContain("trust-secret");
        assertThat(JobFiles.parse(job.formatted("{truststore: /etc/ca.p12}"), "t.yaml", Map.of()).source().tls().mode())
                .isEqualTo(SourceTls.Mode.VERIFY_IDENTITY);
        assertThatThrownBy(() -> JobFiles.parse(job.formatted("{mode: required, truststore: /etc/ca.p12}"), "t.yaml",
                Map.of())).hasMessageContaining("source.tls.truststore: a trust store is only used by the modes "
                        + "verify-ca and verify-identity, not required");
    }
}
