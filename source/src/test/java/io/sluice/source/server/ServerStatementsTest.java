package io.sluice.source.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MySQL 8.4 has no SHOW MASTER STATUS: the binlog status statement follows the server's version. */
class ServerStatementsTest {

    @Test
    void mySqlFrom82OnUsesShowBinaryLogStatus() {
        assertThat(ServerStatements.binlogStatus("8.4.3")).isEqualTo("SHOW BINARY LOG STATUS");
        assertThat(ServerStatements.binlogStatus("8.2.0")).isEqualTo("SHOW BINARY LOG STATUS");
        assertThat(ServerStatements.binlogStatus("9.1.0-commercial")).isEqualTo("SHOW BINARY LOG STATUS");
    }

    @Test
    void olderMySqlAndMariaDbUseShowMasterStatus() {
        assertThat(ServerStatements.binlogStatus("8.0.36-0ubuntu0.22.04.1")).isEqualTo("SHOW MASTER STATUS");
        assertThat(ServerStatements.binlogStatus("5.7.44-log")).isEqualTo("SHOW MASTER STATUS");
        assertThat(ServerStatements.binlogStatus("10.11.19-MariaDB-0+deb12u1-log")).isEqualTo("SHOW MASTER STATUS");
        assertThat(ServerStatements.binlogStatus("11.4.2-MariaDB")).isEqualTo("SHOW MASTER STATUS");
        assertThat(ServerStatements.binlogStatus("5.5.5-10.11.19-MariaDB")).isEqualTo("SHOW MASTER STATUS");
    }
}
