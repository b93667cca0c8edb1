package io.sluice.sinks.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.runtime.execution.SuppressRestartsException;

import java.nio.charset.StandardCharsets;

import static io.sluice.sinks.jdbc.JdbcTables.assertTableEqualsModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.TableSchema;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.PostgresServer;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The JDBC sink in XA mode against real MariaDB and PostgreSQL: failures, restores, abandoned transactions. */
class JdbcXaSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static JdbcSinkBuilder xa(String url, String user, String table) {
        return JdbcSink.builder().name("xa-test").url(url).username(user).table(table).mode(JdbcWriteMode.XA)
                .createTables(true);
    }

    private static List<String> query(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(String.valueOf(rs.getObject(1)));
            }
        }
        return rows;
    }

    @Test
    void mariaDbEndsEqualToTheSourceAfterAFailureWithNothingLeftPrepared() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("xa_maria");
        Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 31, true);
        TestJobs.Run run = TestJobs.run(workload.events()).rate(10_000).failOnceAt(9_000);
        run.execute(xa(server.jdbcUrl(db), server.user(), "{table}").build());
        assertThat(run.maxAttempt()).isGreaterThan(0);
        try (Connection conn = server.connect(db)) {
            for (TableSchema t : workload.tables()) {
                assertTableEqualsModel(conn, t.id().table(), workload, t);
            }
            assertThat(query(conn, "XA RECOVER")).as("prepared XA transactions left").isEmpty();
        }
    }

    @Test
    void postgresEndsEqualToTheSourceAfterAFailureWithNothingLeftPrepared() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String db = server.createDatabase("xa_pg");
        Workload workload = Workload.random(Workload.standardTables("shop"), 10_000, 32, true);
        TestJobs.Run run = TestJobs.run(workload.events()).rate(5_000).failOnceAt(5_000);
        run.execute(xa(server.jdbcUrl(db), server.user(), "{table}").build());
        assertThat(run.maxAttempt()).isGreaterThan(0);
        try (Connection conn = server.connect(db)) {
            for (TableSchema t : workload.tables()) {
                assertTableEqualsModel(conn, "\"" + t.id().table() + "\"", workload, t);
            }
            assertThat(query(conn, "SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")).isEmpty();
        }
    }

    @Test
    void survivesMariaDbStoppedAndRestartedMidStream() throws Exception {
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            String db = server.createDatabase("xa_outage");
            Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 33, true);
            TestJobs.Run run = TestJobs.run(workload.events()).rate(6_000).restarts(100);
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1_500);
                    server.stop();
                    Thread.sleep(2_000);
                    server.start();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            run.execute(xa(server.jdbcUrl(db), server.user(), "{table}").flushInterval(Duration.ofMillis(100)).build());
            outage.join();
            assertThat(run.maxAttempt()).isGreaterThan(0);
            try (Connection conn = server.connect(db)) {
                for (TableSchema t : workload.tables()) {
                    assertTableEqualsModel(conn, t.id().table(), workload, t);
                }
                assertThat(query(conn, "XA RECOVER")).isEmpty();
            }
        }
    }

    @Test
    void aTransactionPreparedAfterTheRestoredCheckpointIsRolledBack() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("xa_abandoned");
        List<TableSchema> tables = Workload.standardTables("shop").subList(0, 1);
        String gtrid = XaCommittable.prefix("xa-test") + "99-0-0";
        prepareUsersRow(server, db, gtrid, -1, "from an abandoned transaction");
        Workload workload = Workload.random(tables, 2_000, 34, false);
        TestJobs.run(workload.events()).execute(xa(server.jdbcUrl(db), server.user(), "{table}").build());
        try (Connection conn = server.connect(db)) {
            assertThat(query(conn, "XA RECOVER")).isEmpty();
            assertTableEqualsModel(conn, "users", workload, tables.get(0));
        }
    }

    /**
     * Two jobs writing one table with sinks of the same name: each names its XA transactions with
     * its own scope (job name and sink uid), so one job starting does not roll back a transaction
     * the other prepared and is about to commit.
     */
    @Test
    void anotherJobsPreparedTransactionIsLeftAlone() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("xa_other_job");
        List<TableSchema> tables = Workload.standardTables("shop").subList(0, 1);
        // named as the previous version named the transactions of any sink called xa-test
        String theirs = XaCommittable.prefix("xa-test") + "99-0-0";
        prepareUsersRow(server, db, theirs, -2, "prepared by the other job");
        Workload workload = Workload.random(tables, 2_000, 35, false);
        TestJobs.run(workload.events()).execute(xa(server.jdbcUrl(db), server.user(), "{table}")
                .transactionScope("this-job/sink-xa-test").build());
        try (Connection conn = server.connect(db); Statement st = conn.createStatement()) {
            List<String> prepared = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("XA RECOVER")) {
                while (rs.next()) {
                    prepared.add(rs.getString("data"));
                }
            }
            assertThat(prepared).containsExactly(theirs + "b");
            st.execute("XA COMMIT '" + theirs + "','b'," + XaCommittable.FORMAT_ID);
            assertThat(query(conn, "SELECT name FROM users WHERE id = -2")).containsExactly("prepared by the other job");
            st.execute("DELETE FROM users WHERE id = -2");
            assertTableEqualsModel(conn, "users", workload, tables.get(0));
        }
    }

    /**
     * A transaction the database no longer knows at commit time counts as committed only when its
     * mark proves it; one rolled back outside the job stops the job instead of losing its rows
     * silently.
     */
    @Test
    void anUnknownTransactionAtCommitIsCommittedOnlyWhenItsMarkProvesIt() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("xa_marks");
        JdbcSinkOptions options = xa(server.jdbcUrl(db), server.user(), "users").password(server.password())
                .transactionScope("marks-job/sink-xa-test").options();
        XaMarks marks = new XaMarks(options, SqlDialect.forUrl(options.url()));
        server.execute(db, "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255))");
        try (Connection c = server.connect(db)) {
            marks.create(c);
        }
        try (Connection c = server.connect(db)) {
            // marks of transactions committed long ago, which a later commit deletes
            marks.mark(c, XaCommittable.of(options.transactionScope(), 1, 0, 0), 0, 1);
            marks.mark(c, XaCommittable.of(options.transactionScope(), 2, 1, 0), 1, 2);
        }
        XaCommittable committed = prepareMarked(server, db, marks, options, 107, 1);
        XaCommittable rolledBack = prepareMarked(server, db, marks, options, 108, 2);
        server.execute(db, "XA ROLLBACK '" + new String(rolledBack.globalId(), StandardCharsets.US_ASCII) + "','b',"
                + XaCommittable.FORMAT_ID);

        try (XaCommitter committer = new XaCommitter(options)) {
            RecordingRequest first = new RecordingRequest(committed);
            committer.commit(List.of(first));
            RecordingRequest again = new RecordingRequest(committed);
            committer.commit(List.of(again));
            assertThat(first.signals).isEmpty();
            assertThat(again.signals).containsExactly("already committed");

            assertThatThrownBy(() -> committer.commit(List.of(new RecordingRequest(rolledBack))))
                    .isInstanceOf(SuppressRestartsException.class)
                    .cause().hasMessageContaining("the database does not know it and its mark is not in sluice_xa_marks:"
                            + " it was rolled back outside this job")
                    .hasMessageContaining("those rows are not in the target");
        }
        try (Connection conn = server.connect(db)) {
            assertThat(query(conn, "SELECT id FROM users")).containsExactly("1");
            // subtask 0's mark of checkpoint 1 is gone after the commit of 107; subtask 1's stays
            assertThat(query(conn, "SELECT checkpoint_id FROM sluice_xa_marks ORDER BY checkpoint_id"))
                    .containsExactly("2", "107");
        }
    }

    /** Prepares a transaction of the sink inserting user {@code id}, with its mark, as the XA writer does. */
    private static XaCommittable prepareMarked(MariaDbServer server, String db, XaMarks marks, JdbcSinkOptions options,
            long checkpoint, long id) throws Exception {
        XaCommittable xid = XaCommittable.of(options.transactionScope(), checkpoint, 0, 0);
        String written = "'" + new String(xid.globalId(), StandardCharsets.US_ASCII) + "','b'," + XaCommittable.FORMAT_ID;
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            st.execute("XA START " + written);
            st.execute("INSERT INTO users (id, name) VALUES (" + id + ", 'u" + id + "')");
            marks.mark(c, xid, 0, checkpoint);
            st.execute("XA END " + written);
            st.execute("XA PREPARE " + written);
        }
        return xid;
    }

    /** What the committer told Flink about one committable. */
    private static final class RecordingRequest implements Committer.CommitRequest<XaCommittable> {
        final XaCommittable committable;
        final List<String> signals = new ArrayList<>();

        RecordingRequest(XaCommittable committable) {
            this.committable = committable;
        }

        @Override
        public XaCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            signals.add("failed: " + t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            signals.add("failed unknown: " + t);
        }

        @Override
        public void retryLater() {
            signals.add("retry");
        }

        @Override
        public void updateAndRetryLater(XaCommittable committable) {
            signals.add("update and retry");
        }

        @Override
        public void signalAlreadyCommitted() {
            signals.add("already committed");
        }
    }

    /** Creates the users table and leaves one row inserted by a prepared XA transaction {@code gtrid}. */
    private static void prepareUsersRow(MariaDbServer server, String db, String gtrid, long id, String name)
            throws Exception {
        server.execute(db, "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255), "
                + "score DECIMAL(10,2), updated DATETIME(3))");
        String xid = "'" + gtrid + "','b'," + XaCommittable.FORMAT_ID;
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            st.execute("XA START " + xid);
            st.execute("INSERT INTO users (id, name) VALUES (" + id + ", '" + name + "')");
            st.execute("XA END " + xid);
            st.execute("XA PREPARE " + xid);
        }
    }
}
