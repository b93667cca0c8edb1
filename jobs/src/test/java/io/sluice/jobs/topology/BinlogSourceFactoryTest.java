package io.sluice.jobs.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.TableId;
import io.sluice.jobs.config.JobFiles;
import io.sluice.jobs.config.SourceConfig;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.config.SourceOptions;
import io.sluice.source.config.ZeroDatePolicy;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

class BinlogSourceFactoryTest {

    private static SourceConfig source(String extra) {
        return JobFiles.parse("job: {name: t}\n"
                + "source:\n"
                + "  hostname: db1\n  port: 3307\n  username: cdc\n  password: ${env:PW}\n"
                + "  server-id: 5400-5403\n"
                + "  tables: \"shop_\\\\d{1,3}\\\\.orders, shop\\\\.users\"\n"
                + "  exclude: \"shop_0\\\\.orders\"\n" + extra
                + "sinks: [{type: print, from: shop.users}]\n", "t.yaml", Map.of("PW", "secret"), List.of()).source();
    }

    @Test
    void mapsTheSourceBlock() {
        BinlogSourceConfig config = BinlogSourceFactory.config(source("  startup: {file: binlog.000003, position: 4}\n"
                + "  stop-at: latest\n  server-time-zone: Asia/Shanghai\n  heartbeat-interval: 5s\n"
                + "  connect-timeout: 7s\n  zero-date: string\n  bit1-as-boolean: true\n  chunk-size: 500\n"
                + "  keys: {\"shop\\\\.log\": [id, seq]}\n  options: {useCompression: \"true\"}\n"));

        assertThat(config.hostname()).isEqualTo("db1");
        assertThat(config.port()).isEqualTo(3307);
        assertThat(config.username()).isEqualTo("cdc");
        assertThat(config.password()).isEqualTo("secret");
        assertThat(config.serverId()).isEqualTo(5400);
        assertThat(config.tables().accepts(new TableId("shop_12", "orders"))).isTrue();
        assertThat(config.tables().accepts(new TableId("shop_0", "orders"))).isFalse();
        assertThat(config.tables().accepts(new TableId("shop", "users"))).isTrue();
        assertThat(config.tables().accepts(new TableId("shop", "other"))).isFalse();
        assertThat(config.startup()).isEqualTo(StartupOptions.position("binlog.000003", 4));
        assertThat(config.stop()).contains(StopOptions.atLatest());
        assertThat(config.serverTimeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.zeroDates()).isEqualTo(ZeroDatePolicy.STRING);
        assertThat(config.bit1AsBoolean()).isTrue();
        assertThat(config.chunkSize()).isEqualTo(500);
        assertThat(config.configuredKey(new TableId("shop", "log"))).contains(List.of("id", "seq"));
        assertThat(config.jdbcUrl()).endsWith("&useCompression=true");
    }

    @Test
    void chunkSizeDefaultsToTheSourceDefault() {
        assertThat(BinlogSourceFactory.config(source("")).scanNewlyAddedTables()).isFalse();
        assertThat(BinlogSourceFactory.config(source("  scan-newly-added-tables: true\n")).scanNewlyAddedTables())
                .isTrue();
        assertThat(BinlogSourceFactory.config(source("")).chunkSize())
                .isEqualTo(SourceOptions.CHUNK_SIZE.defaultValue().orElseThrow())
                .isEqualTo(BinlogSourceConfig.DEFAULT_CHUNK_SIZE);
    }

    @Test
    void mapsEveryAvailableStartupMode() {
        assertThat(BinlogSourceFactory.config(source("  startup: earliest\n")).startup())
                .isEqualTo(StartupOptions.earliest());
        assertThat(BinlogSourceFactory.config(source("  startup: latest\n")).startup()).isEqualTo(StartupOptions.latest());
        assertThat(BinlogSourceFactory.config(source("  startup: {gtid: \"0-1-100\"}\n")).startup())
                .isEqualTo(StartupOptions.gtid("0-1-100"));
        assertThat(BinlogSourceFactory.config(source("  startup: {timestamp: 1234}\n")).startup())
                .isEqualTo(StartupOptions.timestamp(1234));
        assertThat(BinlogSourceFactory.config(source("  startup: latest\n  stop-at: {file: binlog.000009, position: 77}\n"))
                .stop()).contains(StopOptions.at("binlog.000009", 77));
    }

    @Test
    void theOperatorIsNamedAfterTheDatabases() {
        assertThat(BinlogSourceFactory.operatorName(source(""))).isEqualTo("binlog: shop_\\d{1,3}, shop");
        assertThat(BinlogSourceFactory.databasePart("shop\\..*")).isEqualTo("shop");
        assertThat(BinlogSourceFactory.databasePart(".*\\..*")).isEqualTo(".*");
        assertThat(BinlogSourceFactory.databasePart("shop.orders")).isEqualTo("shop");
        assertThat(BinlogSourceFactory.databasePart(".*")).isEqualTo(".*");
    }
}
