package io.sluice.source.config;

import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BinlogSourceConfig.Builder}: what scanning newly added tables may be combined with. */
class BinlogSourceConfigTest {

    private static BinlogSourceConfig.Builder builder() {
        return BinlogSourceConfig.builder().username("cdc").serverId(5401).tables("shop\\..*", null);
    }

    @Test
    void scanNewlyAddedTablesIsOffByDefault() {
        assertThat(builder().build().scanNewlyAddedTables()).isFalse();
        assertThat(builder().scanNewlyAddedTables(true).startup(StartupOptions.initial()).build()
                .scanNewlyAddedTables()).isTrue();
    }

    @Test
    void scanNewlyAddedTablesNeedsAnUnboundedSource() {
        assertThatThrownBy(() -> builder().scanNewlyAddedTables(true).stopAt(StopOptions.atLatest()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scan-newly-added-tables needs an unbounded source that reads the binlog; it does not"
                        + " apply to a run with stop-at: turn it off, or run without stop-at");
        assertThatThrownBy(() -> builder().scanNewlyAddedTables(true).startup(StartupOptions.snapshot()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scan-newly-added-tables needs an unbounded source that reads the binlog; it does not"
                        + " apply to startup mode 'snapshot': turn it off, or run without startup 'snapshot'"
                        + " (e.g. startup 'initial')");
    }
}
