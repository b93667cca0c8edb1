package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Starts real MariaDB servers and checks the binlog settings, restarts and helpers. */
class MariaDbServerITCase {

    @Test
    void sharedServerWritesRowBinlogWithFullMetadataAndGtids() throws SQLException {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("binlog");
        server.execute(db,
                "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO t VALUES (1, 'één')");

        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.jdbcUrl(db))
                .isEqualTo("jdbc:mysql://127.0.0.1:" + server.port() + "/" + db
                        + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true");
        try (Connection connection = server.connect(db)) {
            assertThat(queryString(connection, "SELECT name FROM t WHERE id = 1")).isEqualTo("één");
            assertThat(queryString(connection, "SELECT @@binlog_format")).isEqualTo("ROW");
            assertThat(queryString(connection, "SELECT @@binlog_row_image")).isEqualTo("FULL");
            assertThat(queryString(connection, "SELECT @@binlog_row_metadata")).isEqualTo("FULL");
            assertThat(queryString(connection, "SELECT @@log_bin")).isEqualTo("1");
            assertThat(queryString(connection, "SELECT @@server_id")).isEqualTo("1");
            assertThat(queryString(connection, "SELECT @@character_set_server")).isEqualTo("utf8mb4");
            // domain 0, server 1, then the sequence number of the last transaction
            assertThat(queryString(connection, "SELECT @@gtid_current_pos")).matches("0-1-\\d+");
            try (Statement statement = connection.createStatement();
                    ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
                assertThat(status.next()).isTrue();
                assertThat(status.getString("File")).matches("binlog\\.\\d{6}");
                assertThat(status.getLong("Position")).isGreaterThan(4);
                assertThat(server.dataDir().resolve(status.getString("File"))).exists();
            }
        }
    }

    @Test
    void sharedServerIsOneInstanceThatTestsCannotStop() {
        MariaDbServer server = MariaDbServer.shared();
        assertThat(MariaDbServer.shared()).isSameAs(server);

        assertThatThrownBy(server::stop).hasMessageContaining("cannot stop the shared mariadb");
        assertThatThrownBy(server::kill).hasMessageContaining("cannot kill the shared mariadb");
        server.close();
        assertThat(server.isRunning()).isTrue();
        assertThat(server.dataDir()).isDirectory();
    }

    @Test
    void createDatabaseGivesEachCallerItsOwnDatabase() throws SQLException {
        MariaDbServer server = MariaDbServer.shared();
        String first = server.createDatabase("Orders");
        String second = server.createDatabase("Orders");

        assertThat(first).startsWith("orders_").isNotEqualTo(second);
        try (Connection connection = server.connect()) {
            assertThat(queryString(connection,
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name IN ('"
                            + first + "', '" + second + "')")).isEqualTo("2");
        }
        assertThatThrownBy(() -> server.createDatabase("bad-name; DROP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-name; DROP");
    }

    @Test
    void createdUserCanReadTheBinlogPosition() throws SQLException {
        MariaDbServer server = MariaDbServer.shared();
        String user = server.createDatabase("cdc"); // a unique name, reused as the user name
        server.createUser(user, "s3'cret", "REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.*");

        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), user, "s3'cret");
                Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
            assertThat(status.next()).isTrue();
            assertThat(status.getString("File")).startsWith("binlog.");
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), user, "s3'cret")) {
            assertThat(queryString(connection, "SHOW GRANTS")).contains("REPLICATION SLAVE");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "wrong"))
                .hasMessageContaining("Access denied");
    }

    @Test
    void killAndRestartKeepDataAndPort() throws SQLException {
        Path dataDir;
        try (MariaDbServer server =
                MariaDbServer.builder().rowMetadata("MINIMAL").extraArgs("--max-connections=42").start()) {
            dataDir = server.dataDir();
            int port = server.port();
            String db = server.createDatabase("restart");
            server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
            String gtidBefore;
            String fileBefore;
            try (Connection connection = server.connect(db)) {
                assertThat(queryString(connection, "SELECT @@binlog_row_metadata")).isEqualTo("MINIMAL");
                assertThat(queryString(connection, "SELECT @@max_connections")).isEqualTo("42");
                gtidBefore = queryString(connection, "SELECT @@gtid_current_pos");
                fileBefore = queryString(connection, "SHOW MASTER STATUS");
            }

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(server::connect).isInstanceOf(SQLException.class);

            server.start();
            assertThat(server.port()).isEqualTo(port);
            try (Connection connection = server.connect(db)) {
                assertThat(queryString(connection, "SELECT COUNT(*) FROM t")).isEqualTo("2");
                assertThat(queryString(connection, "SELECT @@gtid_current_pos")).isEqualTo(gtidBefore);
                // every restart opens a new binlog file
                assertThat(queryString(connection, "SHOW MASTER STATUS")).isGreaterThan(fileBefore);
            }

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.errorLogTail()).contains("Shutdown complete");
            server.start();
            server.execute(db, "INSERT INTO t VALUES (3)");
            try (Connection connection = server.connect(db)) {
                assertThat(queryString(connection, "SELECT COUNT(*) FROM t")).isEqualTo("3");
            }
            assertThatThrownBy(server::start).hasMessageContaining("already running");
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void startFailureShowsTheErrorLogAndCleansUp() {
        Throwable failure = catchThrowable(() -> MariaDbServer.builder().extraArgs("--sluice-bogus-option").start());

        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("unknown option '--sluice-bogus-option'");
        Matcher dir = Pattern.compile("\\(dir (\\S+)\\)").matcher(failure.getMessage());
        assertThat(dir.find()).as("directory named in: %s", failure.getMessage()).isTrue();
        assertThat(Path.of(dir.group(1))).doesNotExist();
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }
}
