package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starts real PostgreSQL servers, as the postgres OS user when the build runs as root. */
class PostgresServerITCase {

    @Test
    void sharedServerCreatesDatabasesAndTables() throws SQLException {
        PostgresServer postgres = PostgresServer.shared();
        String db = postgres.createDatabase("Sink");
        assertThat(db).startsWith("sink_");
        assertThat(postgres.createDatabase("Sink")).isNotEqualTo(db);
        assertThat(postgres.jdbcUrl(db)).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + db);

        postgres.execute(db,
                "CREATE TABLE t (id INT PRIMARY KEY, name TEXT)",
                "INSERT INTO t VALUES (1, 'één'), (2, 'two')");
        try (Connection connection = postgres.connect(db)) {
            assertThat(queryString(connection, "SELECT name FROM t WHERE id = 1")).isEqualTo("één");
            assertThat(queryString(connection, "SELECT current_user")).isEqualTo("postgres");
            assertThat(queryString(connection, "SHOW server_encoding")).isEqualTo("UTF8");
            assertThat(queryString(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(queryString(connection, "SHOW max_prepared_transactions")).isEqualTo("100");
        }
        assertThatThrownBy(postgres::stop).hasMessageContaining("shared postgres");
    }

    @Test
    void runsAsThePostgresUserWhenRoot() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        if (Processes.runningAsRoot()) {
            assertThat(postgres.processHandle().info().user()).contains("postgres");
            assertThat(Files.getOwner(postgres.dataDir()).getName()).isEqualTo("postgres");
        } else {
            assertThat(postgres.processHandle().info().user())
                    .contains(System.getProperty("user.name"));
        }
        // the Process we hold is the postmaster itself, not a wrapper around it
        assertThat(postgres.processHandle().info().command()).hasValueSatisfying(
                command -> assertThat(command).endsWith("/postgres"));
    }

    @Test
    void killLeavesNoProcessBehindAndRestartKeepsData() throws SQLException {
        Path dir;
        try (PostgresServer postgres = PostgresServer.builder().extraArgs("-c", "max_connections=50").start()) {
            dir = postgres.directory();
            int port = postgres.port();
            String db = postgres.createDatabase("restart");
            postgres.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
            try (Connection connection = postgres.connect(db)) {
                assertThat(queryString(connection, "SHOW max_connections")).isEqualTo("50");
            }

            List<ProcessHandle> children = postgres.processHandle().descendants().toList();
            assertThat(children).isNotEmpty(); // checkpointer, walwriter, ...
            postgres.kill();
            assertThat(postgres.isRunning()).isFalse();
            assertThat(children).noneMatch(ProcessHandle::isAlive);

            postgres.start();
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection connection = postgres.connect(db)) {
                assertThat(queryString(connection, "SELECT COUNT(*) FROM t")).isEqualTo("2");

                // A graceful stop must not wait for this open connection to go away.
                long began = System.nanoTime();
                postgres.stop();
                assertThat((System.nanoTime() - began) / 1_000_000_000).isLessThan(20);
                assertThat(postgres.isRunning()).isFalse();
                assertThat(postgres.logTail()).contains("database system is shut down");
            }

            postgres.start();
            postgres.execute(db, "INSERT INTO t VALUES (3)");
            try (Connection connection = postgres.connect(db)) {
                assertThat(queryString(connection, "SELECT COUNT(*) FROM t")).isEqualTo("3");
            }
        }
        assertThat(dir).doesNotExist();
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }
}
