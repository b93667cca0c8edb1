package io.sluice.sinks.jdbc;

import static io.sluice.sinks.common.TestRows.bigint;
import static io.sluice.sinks.common.TestRows.decimal;
import static io.sluice.sinks.common.TestRows.delete;
import static io.sluice.sinks.common.TestRows.insert;
import static io.sluice.sinks.common.TestRows.string;
import static io.sluice.sinks.common.TestRows.update;
import static io.sluice.sinks.jdbc.JdbcTables.assertTableEqualsModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.failure.ErrorPolicy;
import io.sluice.event.Event;
import io.sluice.event.TableSchema;
import io.sluice.sinks.common.NetworkFaults;
import io.sluice.sinks.common.RejectedRecordException;
import io.sluice.sinks.common.RetryOptions;
import io.sluice.sinks.common.TestJobs;
import io.sluice.sinks.common.TestRows;
import io.sluice.sinks.common.TestWriterContext;
import io.sluice.sinks.common.Workload;
import io.sluice.testkit.FaultProxy;
import io.sluice.testkit.LocalServer;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.PostgresServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** The JDBC sink against real MariaDB 10.11 and PostgreSQL: routing, sharding, workloads, an outage, errors. */
class JdbcSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestJobs.miniCluster();

    private static final TableSchema ORDERS = TestRows.schema("shop", "orders",
            List.of(bigint("id"), bigint("seller_id"), string("region"), decimal("amount", 12, 2), string("Note")), "id");

    private static Object[] order(long id, long seller, String region, String amount, String note) {
        return new Object[] {id, seller, region, new BigDecimal(amount), note};
    }

    private static JdbcSinkBuilder mariaDb(MariaDbServer server, String db, String table) {
        return JdbcSink.builder().name("jdbc-test").url(server.jdbcUrl(db)).username(server.user()).table(table);
    }

    private static JdbcSinkBuilder postgres(PostgresServer server, String db, String table) {
        return JdbcSink.builder().name("jdbc-test").url(server.jdbcUrl(db)).username(server.user()).table(table);
    }

    private static JdbcWriter write(JdbcSinkOptions options, List<Event> events) throws Exception {
        JdbcWriter writer = new JdbcWriter(options, new TestWriterContext().metricGroup(), new TestWriterContext());
        for (Event e : events) {
            writer.write(e, null);
        }
        writer.flush(false);
        return writer;
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    @Test
    void mariaDbUpsertsDeletesAndKeyChanges() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_basic");
        server.execute(db, "CREATE TABLE orders (id BIGINT PRIMARY KEY, seller_id BIGINT, region VARCHAR(20), "
                + "amount DECIMAL(12,2), Note TEXT)");
        Object[] a = order(1, 10, "eu", "1.50", "first");
        Object[] a2 = order(1, 10, "eu", "2.50", null);
        Object[] b = order(2, 11, "us", "3.00", "b");
        Object[] bMoved = order(22, 11, "us", "3.00", "b");
        Object[] c = order(3, 12, "eu", "4.00", "c");
        JdbcWriter writer = write(mariaDb(server, db, "orders").options(), List.of(
                insert(ORDERS, a), insert(ORDERS, b), insert(ORDERS, c), update(ORDERS, a, a2),
                update(ORDERS, b, bMoved), delete(ORDERS, c), insert(ORDERS, c), delete(ORDERS, c)));
        try (Connection conn = server.connect(db)) {
            assertThat(rows(conn, "SELECT * FROM orders ORDER BY id"))
                    .containsExactly("1|10|eu|2.50|null", "22|11|us|3.00|b");
        }
        assertThat(writer.metrics().writtenCount()).isEqualTo(8);
        writer.close();
    }

    @Test
    void shardedTablesAndDatabasesComeFromTheTemplate() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_shard");
        Object[] a = order(1, 5, "eu", "1.00", null);
        Object[] aMoved = order(1, 6, "eu", "1.00", null);
        List<Event> events = List.of(insert(ORDERS, a), insert(ORDERS, order(2, 7, "eu", "2.00", null)),
                insert(ORDERS, order(3, 8, "eu", "3.00", null)), update(ORDERS, a, aMoved));
        write(mariaDb(server, db, "seller_daily_{seller_id % 4}").createTables(true).options(), events).close();
        try (Connection conn = server.connect(db)) {
            assertThat(rows(conn, "SELECT id FROM seller_daily_0")).containsExactly("3");
            assertThat(rows(conn, "SELECT id FROM seller_daily_1")).isEmpty();
            assertThat(rows(conn, "SELECT id FROM seller_daily_2")).containsExactly("1");
            assertThat(rows(conn, "SELECT id FROM seller_daily_3")).containsExactly("2");
        }
        String prefix = db + "_report";
        write(mariaDb(server, db, prefix + "_{region}.orders").createTables(true).options(), List.of(
                insert(ORDERS, order(1, 1, "eu", "1.00", null)), insert(ORDERS, order(2, 1, "us", "1.00", null))))
                .close();
        try (Connection conn = server.connect(db)) {
            assertThat(rows(conn, "SELECT id FROM `" + prefix + "_eu`.orders")).containsExactly("1");
            assertThat(rows(conn, "SELECT id FROM `" + prefix + "_us`.orders")).containsExactly("2");
        }
    }

    @Test
    void aMissingTableOrColumnIsAClearError() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_missing");
        assertThatThrownBy(() -> write(mariaDb(server, db, "orders").options(), List.of()))
                .isInstanceOf(JdbcTargetException.class)
                .hasMessage("jdbc-test: the target table orders (MySQL/MariaDB at " + server.jdbcUrl(db) + ") does not "
                        + "exist; create it, or set create-tables: true to create it from the source schema");
        assertThatThrownBy(() -> write(mariaDb(server, db, "orders_{region}").options(),
                List.of(insert(ORDERS, order(1, 1, "eu", "1.00", null)))))
                .isInstanceOf(JdbcTargetException.class)
                .hasMessage("jdbc-test: the target table orders_eu (MySQL/MariaDB at " + server.jdbcUrl(db) + ") does "
                        + "not exist; create it, e.g.\n  CREATE TABLE `orders_eu` (`id` BIGINT NOT NULL, `seller_id` "
                        + "BIGINT, `region` VARCHAR(255), `amount` DECIMAL(12, 2), `Note` VARCHAR(255), PRIMARY KEY "
                        + "(`id`));\nor set create-tables: true");
        server.execute(db, "CREATE TABLE orders (id BIGINT PRIMARY KEY, seller_id BIGINT, amount DECIMAL(12,2))");
        assertThatThrownBy(() -> write(mariaDb(server, db, "orders").options(),
                List.of(insert(ORDERS, order(1, 1, "eu", "1.00", null)))))
                .isInstanceOf(JdbcTargetException.class)
                .hasMessage("jdbc-test: the target table orders (MySQL/MariaDB at " + server.jdbcUrl(db) + ") lacks "
                        + "columns of shop.orders (it has [amount, id, seller_id]); add them, e.g.\n  ALTER TABLE "
                        + "`orders` ADD COLUMN `region` VARCHAR(255);\n  ALTER TABLE `orders` ADD COLUMN `Note` "
                        + "VARCHAR(255);\nor set create-tables: true");
        write(mariaDb(server, db, "orders").createTables(true).options(),
                List.of(insert(ORDERS, order(1, 1, "eu", "1.00", "added")))).close();
        try (Connection conn = server.connect(db)) {
            assertThat(rows(conn, "SELECT id, region, Note FROM orders")).containsExactly("1|eu|added");
        }
        server.execute(db, "CREATE TABLE nokey (id BIGINT, seller_id BIGINT, region TEXT, amount DECIMAL(12,2), Note TEXT)");
        assertThatThrownBy(() -> write(mariaDb(server, db, "nokey").options(),
                List.of(insert(ORDERS, order(1, 1, "eu", "1.00", null)))))
                .isInstanceOf(JdbcTargetException.class)
                .hasMessageEndingWith("has no primary key; upserts need a primary key or unique index on exactly the "
                        + "key of shop.orders: [id]");
    }

    /**
     * The connection to MariaDB goes half-open (a black hole) for 4 s while the job writes: each
     * statement fails after the URL's socketTimeout instead of waiting forever, the sink retries or
     * the job restores, and the target ends equal to the source.
     */
    @Test
    void aHalfOpenConnectionEndsInARetryOrARestoreNotAStall() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_blackhole");
        Workload workload = Workload.random(Workload.standardTables("shop"), 20_000, 13, true);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.port())) {
            String url = server.jdbcUrl(db).replace(":" + server.port() + "/", ":" + proxy.port() + "/");
            url += (url.contains("?") ? "&" : "?") + "socketTimeout=1500&connectTimeout=1500";
            NetworkFaults.blackholeWhileRunning(proxy, TestJobs.run(workload.events()).rate(4_000),
                    JdbcSink.builder().name("jdbc-test").url(url).username(server.user()).table("{table}")
                            .createTables(true).build(),
                    Duration.ofMillis(1500), Duration.ofSeconds(4));
        }
        try (Connection conn = server.connect(db)) {
            for (TableSchema t : workload.tables()) {
                assertTableEqualsModel(conn, t.id().table(), workload, t);
            }
        }
    }

    @Test
    void randomWorkloadOnMariaDbEndsEqualToTheSource() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_workload");
        Workload workload = Workload.random(Workload.standardTables("shop"), 100_000, 11, true);
        TestJobs.run(workload.events()).execute(mariaDb(server, db, "{table}").createTables(true).build());
        try (Connection conn = server.connect(db)) {
            for (TableSchema t : workload.tables()) {
                assertTableEqualsModel(conn, t.id().table(), workload, t);
            }
        }
    }

    @Test
    void randomWorkloadOnPostgresEndsEqualToTheSource() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String db = server.createDatabase("jdbc_workload");
        Workload workload = Workload.random(Workload.standardTables("shop"), 100_000, 12, true);
        TestJobs.run(workload.events()).execute(postgres(server, db, "mirror.{table}").createTables(true).build());
        try (Connection conn = server.connect(db)) {
            for (TableSchema t : workload.tables()) {
                assertTableEqualsModel(conn, "mirror.\"" + t.id().table() + "\"", workload, t);
            }
        }
    }

    @Test
    void postgresKeepsMixedCaseNamesAndHandlesKeyChanges() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String db = server.createDatabase("jdbc_pg");
        Object[] a = order(1, 10, "eu", "1.50", "first");
        Object[] aMoved = order(5, 10, "eu", "1.50", "moved");
        write(postgres(server, db, "Orders").createTables(true).options(), List.of(
                insert(ORDERS, a), insert(ORDERS, order(2, 1, "us", "9.99", null)), update(ORDERS, a, aMoved),
                delete(ORDERS, order(2, 1, "us", "9.99", null)))).close();
        try (Connection conn = server.connect(db)) {
            assertThat(rows(conn, "SELECT id, \"Note\", amount FROM \"Orders\"")).containsExactly("5|moved|1.50");
        }
    }

    @Test
    void survivesMariaDbStoppedAndRestartedMidStream() throws Exception {
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            String db = server.createDatabase("jdbc_outage");
            Workload workload = Workload.random(Workload.standardTables("shop"), 30_000, 13, true);
            streamThroughAnOutage(server, () -> count(server, db), workload, mariaDb(server, db, "{table}"));
            try (Connection conn = server.connect(db)) {
                for (TableSchema t : workload.tables()) {
                    assertTableEqualsModel(conn, t.id().table(), workload, t);
                }
            }
        }
    }

    @Test
    void survivesPostgresStoppedAndRestartedMidStream() throws Exception {
        try (PostgresServer server = PostgresServer.builder().start()) {
            String db = server.createDatabase("jdbc_outage");
            Workload workload = Workload.random(Workload.standardTables("shop"), 30_000, 14, true);
            streamThroughAnOutage(server, () -> count(server, db), workload, postgres(server, db, "{table}"));
            try (Connection conn = server.connect(db)) {
                for (TableSchema t : workload.tables()) {
                    assertTableEqualsModel(conn, "\"" + t.id().table() + "\"", workload, t);
                }
            }
        }
    }

    /**
     * Streams the workload into the sink and, once the target holds 2,000 users, stops the
     * server for 2.5 s: the sink's two quick retries run out, so the job must restart from a
     * checkpoint.
     */
    private static void streamThroughAnOutage(LocalServer server, LongSupplier users, Workload workload,
            JdbcSinkBuilder sink) throws Exception {
        TestJobs.Run run = TestJobs.run(workload.events()).rate(8_000);
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            try {
                while (users.getAsLong() < 2_000) {
                    Thread.sleep(50);
                }
                server.stop();
                Thread.sleep(2_500);
                server.start();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        run.execute(sink.createTables(true).flushInterval(Duration.ofMillis(100))
                .retry(new RetryOptions(2, Duration.ofMillis(50), Duration.ofMillis(100))).build());
        outage.join();
        assertThat(run.maxAttempt()).as("the job restarted after the outage").isGreaterThan(0);
    }

    private static long count(PostgresServer server, String db) {
        try (Connection c = server.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"users\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0; // not created yet, or the server is down
        }
    }

    private static long count(MariaDbServer server, String db) {
        try (Connection c = server.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables t WHERE t.table_schema = '"
                        + db + "' AND t.table_name = 'users'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
            try (ResultSet users = st.executeQuery("SELECT COUNT(*) FROM users")) {
                users.next();
                return users.getLong(1);
            }
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * A value in the table template cannot switch the database: "{region}_orders" with the region
     * "other.x" would have written into other.x_orders; the row is rejected under the error policy.
     */
    @Test
    void aTableTemplateValueCannotSwitchTheDatabase() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_names");
        String other = server.createDatabase("jdbc_other");
        JdbcWriter writer = write(mariaDb(server, db, "{region}_orders").createTables(true)
                .errorPolicy(ErrorPolicy.LOG).options(), List.of(
                insert(ORDERS, order(1, 10, "eu", "1.00", null)),
                insert(ORDERS, order(2, 10, other + ".x", "2.00", null)),
                insert(ORDERS, order(3, 10, "us`; DROP TABLE eu_orders; --", "3.00", null))));
        assertThat(writer.metrics().failedCount()).isEqualTo(2);
        assertThat(writer.metrics().writtenCount()).isEqualTo(1);
        writer.close();
        try (Connection conn = server.connect(db)) {
            assertThat(rows(conn, "SELECT id, region FROM eu_orders")).containsExactly("1|eu");
            assertThat(rows(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema IN ('" + db
                    + "', '" + other + "') ORDER BY table_name")).containsExactly("eu_orders");
        }
    }

    private static final TableSchema USERS = TestRows.schema("shop", "users",
            List.of(bigint("id"), string("email"), bigint("n")), "id");

    /**
     * A target with a UNIQUE email and 300 rows, fed in one batch with a random history in which emails pass
     * from row to row (deleted and inserted again, changed to one just freed, swapped through a
     * spare value), as a source with the same UNIQUE key commits it: the target ends equal to it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgres"})
    void uniqueValuesReusedWithinABatchEndEqualToTheSource(String server) throws Exception {
        java.util.Random random = new java.util.Random(20);
        java.util.Map<Long, Object[]> rows = new java.util.TreeMap<>();
        java.util.Deque<String> free = new java.util.ArrayDeque<>();
        List<Event> initial = new ArrayList<>();
        long nextId = 1;
        int nextEmail = 0;
        for (; nextId <= 300; nextId++) {
            Object[] row = {nextId, "u" + nextEmail++ + "@x", 0L};
            rows.put(nextId, row);
            initial.add(insert(USERS, row));
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int op = random.nextInt(10);
            // the most recently freed email first, so values are reused within the batch
            String email = free.isEmpty() || random.nextInt(4) == 0 ? "u" + nextEmail++ + "@x" : free.pop();
            if (op < 3 || rows.size() < 2) {
                Object[] row = {nextId, email, 0L};
                rows.put(nextId++, row);
                events.add(insert(USERS, row));
                continue;
            }
            free.push(email);
            Long[] ids = rows.keySet().toArray(new Long[0]);
            Object[] a = rows.get(ids[random.nextInt(ids.length)]);
            if (op < 6) {
                String taken = free.pop();
                Object[] changed = {a[0], taken, (long) a[2] + 1};
                free.push((String) a[1]);
                rows.put((Long) a[0], changed);
                events.add(update(USERS, a, changed));
            } else if (op < 8) {
                rows.remove((Long) a[0]);
                free.push((String) a[1]);
                events.add(delete(USERS, a));
            } else {
                Object[] b = rows.get(ids[random.nextInt(ids.length)]);
                if (b == a) {
                    continue;
                }
                String spare = free.pop();
                Object[] aSpare = {a[0], spare, a[2]};
                Object[] bTakesA = {b[0], a[1], b[2]};
                Object[] aTakesB = {a[0], b[1], a[2]};
                events.add(update(USERS, a, aSpare));
                events.add(update(USERS, b, bTakesA));
                events.add(update(USERS, aSpare, aTakesB));
                rows.put((Long) a[0], aTakesB);
                rows.put((Long) b[0], bTakesA);
                free.push(spare);
            }
        }
        String create = "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(40) NOT NULL UNIQUE, n BIGINT)";
        Callable<Connection> connect;
        JdbcSinkBuilder sink;
        if (server.equals("mariadb")) {
            MariaDbServer mariaDb = MariaDbServer.shared();
            String db = mariaDb.createDatabase("jdbc_unique");
            mariaDb.execute(db, create);
            sink = mariaDb(mariaDb, db, "users");
            connect = () -> mariaDb.connect(db);
        } else {
            PostgresServer postgres = PostgresServer.shared();
            String db = postgres.createDatabase("jdbc_unique");
            postgres.execute(db, create);
            sink = postgres(postgres, db, "users");
            connect = () -> postgres.connect(db);
        }

        write(sink.options(), initial).close();
        JdbcWriter writer = write(sink.batchSize(100_000).options(), events);

        List<String> expected = rows.values().stream().map(r -> r[0] + "|" + r[1] + "|" + r[2]).toList();
        try (Connection conn = connect.call()) {
            assertThat(rows(conn, "SELECT id, email, n FROM users ORDER BY id")).containsExactlyElementsOf(expected);
        }
        assertThat(writer.metrics().failedCount()).isZero();
        writer.close();
    }

    /** With more than one writer, the order of changes across rows is not kept: such a target is refused. */
    @Test
    void aTargetWithOtherUniqueKeysNeedsOneWriter() throws Exception {
        MariaDbServer server = MariaDbServer.shared();
        String db = server.createDatabase("jdbc_unique_writers");
        server.execute(db, "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(40) NOT NULL UNIQUE, n BIGINT)");
        List<Event> events = List.of(insert(USERS, new Object[] {1L, "a@x", 0L}),
                insert(USERS, new Object[] {2L, "b@x", 0L}));
        assertThatThrownBy(() -> TestJobs.run(events).execute(mariaDb(server, db, "users").build()))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e)).contains(
                        "has unique keys besides the sink's key [id]", "Run the sink with parallelism 1"));
    }

    /** An orders table whose region column is too short for one of the rows, on MariaDB or PostgreSQL. */
    private record Rejecting(JdbcSinkBuilder sink, Callable<Connection> connect, String truncation) {
        static Rejecting on(String server) {
            if (server.equals("mariadb")) {
                MariaDbServer mariaDb = MariaDbServer.shared();
                String db = mariaDb.createDatabase("jdbc_reject");
                mariaDb.execute(db, "CREATE TABLE orders (id BIGINT PRIMARY KEY, seller_id BIGINT, region VARCHAR(5), "
                        + "amount DECIMAL(12,2), Note TEXT)");
                return new Rejecting(mariaDb(mariaDb, db, "orders"), () -> mariaDb.connect(db),
                        "Data truncation: Data too long for column 'region'");
            }
            PostgresServer postgres = PostgresServer.shared();
            String db = postgres.createDatabase("jdbc_reject");
            postgres.execute(db, "CREATE TABLE orders (id BIGINT PRIMARY KEY, seller_id BIGINT, region VARCHAR(5), "
                    + "amount NUMERIC(12,2), \"Note\" TEXT)");
            return new Rejecting(postgres(postgres, db, "orders"), () -> postgres.connect(db),
                    "ERROR: value too long for type character varying(5)");
        }

        List<String> ids() throws Exception {
            try (Connection conn = connect.call()) {
                return rows(conn, "SELECT id FROM orders ORDER BY id");
            }
        }
    }

    private static final List<Event> WITH_A_TOO_LONG_REGION = List.of(
            insert(ORDERS, order(1, 1, "eu", "1.00", null)),
            insert(ORDERS, order(2, 1, "far too long for five", "2.00", null)),
            insert(ORDERS, order(3, 1, "us", "3.00", null)));

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgres"})
    void aRejectedRowFailsTheJobByDefault(String server) {
        Rejecting target = Rejecting.on(server);
        assertThatThrownBy(() -> TestJobs.run(WITH_A_TOO_LONG_REGION).restarts(0).execute(target.sink().build()))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, RejectedRecordException.class))
                        .hasValueSatisfying(r -> assertThat(r.getMessage()).startsWith(
                                "jdbc-test rejected a record of shop.orders key [2]: upsert into orders rejected: "
                                        + target.truncation())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgres"})
    void logPolicyCountsTheRejectedRowAndWritesTheOthers(String server) throws Exception {
        Rejecting target = Rejecting.on(server);
        JdbcWriter writer = write(target.sink().errorPolicy(ErrorPolicy.LOG).options(), WITH_A_TOO_LONG_REGION);
        assertThat(writer.metrics().failedCount()).isEqualTo(1);
        assertThat(writer.metrics().writtenCount()).isEqualTo(2);
        writer.close();
        assertThat(target.ids()).containsExactly("1", "3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgres"})
    void deadLetterPolicyWritesTheRowAndTheReason(String server, @TempDir Path dir) throws Exception {
        Rejecting target = Rejecting.on(server);
        Path deadLetters = dir.resolve("jdbc.jsonl");
        TestJobs.run(WITH_A_TOO_LONG_REGION).restarts(0).execute(target.sink()
                .errorPolicy(ErrorPolicy.deadLetterFile(deadLetters.toString())).build());
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).hasSize(1);
        JsonNode letter = new ObjectMapper().readTree(lines.get(0));
        assertThat(letter.get("reason").asText()).startsWith("upsert into orders rejected: " + target.truncation());
        assertThat(letter.get("event").get("after").get("id").asLong()).isEqualTo(2);
        assertThat(target.ids()).containsExactly("1", "3");
    }
}
