package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.server.ServerConnection;
import io.sluice.testkit.FaultProxy;
import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Network faults between the source and a real server, injected by testkit's {@link FaultProxy}. */
class NetworkFaultsITCase {

    /**
     * A query on a half-open connection (the network drops everything, nothing resets) fails after
     * the socket timeout instead of waiting forever; the connection works again once the network
     * does. With socketTimeout=0, as before, the query never returned.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aQueryOnAHalfOpenConnectionFailsAfterTheSocketTimeout() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("halfopen");
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.port())) {
            BinlogSourceConfig config = config(server, db).hostname(proxy.host()).port(proxy.port())
                    .socketTimeout(Duration.ofSeconds(2)).build();
            try (ServerConnection connection = new ServerConnection(config);
                    Connection c = connection.newConnection(); Statement st = c.createStatement()) {
                assertThat(count(st)).isPositive();
                proxy.blackhole();
                long started = System.nanoTime();
                assertThatThrownBy(() -> count(st)).isInstanceOf(SQLException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
                proxy.pass();
            }
            try (ServerConnection connection = new ServerConnection(config);
                    Connection c = connection.newConnection(); Statement st = c.createStatement()) {
                assertThat(count(st)).isPositive();
            }
        }
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
