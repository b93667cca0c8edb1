package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.nextServerId;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.source.binlog.BinlogStream;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.schema.Charsets;
import io.sluice.source.schema.DecodedTable;
import io.sluice.testkit.MariaDbServer;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Each problem the source cannot retry its way out of fails the job with a message that says
 * what is wrong and what to change. Tests that change global settings or purge binlogs use a
 * server of their own.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SourceErrorsITCase {
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);

    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    void wrongPassword() {
        String db = server.createDatabase("err_login");
        String user = "cdc_login_" + nextServerId();
        server.createUser(user, "right", "SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.*");

        String message = errorOf(config(server, db).username(user).password("wrong"));

        assertThat(message).contains(
                "cannot log in to the source server " + server.host() + ":" + server.port(),
                "'" + user + "'", "Access denied", "Check source.username and source.password");
    }

    @Test
    void userWithoutReplicationPrivileges() {
        String db = server.createDatabase("err_priv");
        String user = "cdc_select_" + nextServerId();
        server.createUser(user, "pw", "SELECT ON *.*");

        String message = errorOf(config(server, db).username(user).password("pw"));

        assertThat(message).contains(
                "user '" + user + "'", "lacks a privilege", "BINLOG MONITOR", // the server's words: what is missing
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'");
    }

    @Test
    void userWithoutReplicationSlaveFailsWhenTheBinlogDumpStarts() throws Exception {
        String db = server.createDatabase("err_slave");
        String user = "cdc_client_" + nextServerId();
        server.createUser(user, "pw", "SELECT, REPLICATION CLIENT ON *.*");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        StartupOptions start = now(server);
        server.execute(db, "INSERT INTO t VALUES (1)"); // something to read, or the job ends without a dump

        String message = errorOf(config(server, db).username(user).password("pw").startup(start));

        assertThat(message).contains(
                "user '" + user + "'", "lacks a privilege", "REPLICATION SLAVE privilege", "GRANT SELECT");
    }

    @Test
    void binlogFormatNotRow() {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            own.execute(null, "SET GLOBAL binlog_format = 'STATEMENT'");
            String db = own.createDatabase("err_format");

            String message = errorOf(config(own, db));

            assertThat(message).contains(
                    "binlog_format is STATEMENT on " + own.host() + ":" + own.port(),
                    "needs binlog_format=ROW", "SET GLOBAL binlog_format = 'ROW'", "server's configuration");
        }
    }

    @Test
    void binlogRowImageNotFull() {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            own.execute(null, "SET GLOBAL binlog_row_image = 'MINIMAL'");
            String db = own.createDatabase("err_image");

            String message = errorOf(config(own, db));

            assertThat(message).contains(
                    "binlog_row_image is MINIMAL on " + own.host() + ":" + own.port(),
                    "set binlog_row_image=FULL", "SET GLOBAL binlog_row_image = 'FULL'");
        }
    }

    @Test
    void aSessionWritingStatementsInsteadOfRows() throws Exception {
        String db = server.createDatabase("err_statement");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        StartupOptions start = now(server);
        // one session overrides the server's ROW format: its change reaches the binlog as SQL text
        server.execute(db, "SET SESSION binlog_format = 'STATEMENT'", "INSERT INTO t VALUES (1)");

        String message = errorOf(config(server, db).startup(start));

        assertThat(message).contains(
                "holds a change of " + db + ".t as an SQL statement, not as row events",
                "binlog_format STATEMENT or MIXED", "needs binlog_format=ROW for every session",
                "INSERT INTO t VALUES (1)");
    }

    @Test
    void aSessionWritingPartialRowImages() throws Exception {
        String db = server.createDatabase("err_minimal");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10))", "INSERT INTO t VALUES (1, 1, 'x')");
        StartupOptions start = now(server);
        // the server logs FULL images, but this session only the key (before) and the changed column (after)
        server.execute(db, "SET SESSION binlog_row_image = 'MINIMAL'", "UPDATE t SET a = 2 WHERE id = 1");

        String message = errorOf(config(server, db).startup(start));

        assertThat(message).contains(
                "holds a row image of " + db + ".t with 1 of its 3 columns",
                "binlog_row_image MINIMAL or NOBLOB", "set binlog_row_image=FULL for every session");
    }

    @Test
    void theServerSwitchedToPartialRowImagesAfterTheStart() throws Exception {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            String db = own.createDatabase("err_minimal_global");
            own.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, a INT)", "INSERT INTO t VALUES (1, 1)");
            StartupOptions start = now(own);
            own.execute(null, "SET GLOBAL binlog_row_image = 'MINIMAL'");
            own.execute(db, "UPDATE t SET a = 2 WHERE id = 1");

            // as a restored split reads: no enumerator checked the settings before
            String message = errorOfStream(config(own, db).build(), BinlogPosition.at(start.file(), start.position()));

            assertThat(message).contains(
                    "binlog_row_image is MINIMAL on " + own.host() + ":" + own.port(), "set binlog_row_image=FULL");
        }
    }

    @Test
    void compressedBinlogIsRefusedAtTheStart() {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            own.execute(null, "SET GLOBAL log_bin_compress = ON");
            String db = own.createDatabase("err_compress");

            String message = errorOf(config(own, db));

            assertThat(message).contains("log_bin_compress is ON on " + own.host() + ":" + own.port(),
                    "cannot decode", "SET GLOBAL log_bin_compress = OFF");
        }
    }

    @Test
    void compressedRowEventsWrittenAfterTheStartStopTheStream() throws Exception {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            String db = own.createDatabase("err_compress_later");
            own.execute(db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(2000))");
            StartupOptions start = now(own);
            // events of at least log_bin_compress_min_len (256) bytes are compressed from now on
            own.execute(null, "SET GLOBAL log_bin_compress = ON");
            own.execute(db, "INSERT INTO t VALUES (1, REPEAT('x', 1500))");

            // as a restored split reads: no enumerator checked the settings before
            String message = errorOfStream(config(own, db).build(), BinlogPosition.at(start.file(), start.position()));

            assertThat(message).contains("the binlog at " + start.file() + ":", "holds a compressed row event",
                    "MariaDB's log_bin_compress=ON", "SET GLOBAL log_bin_compress = OFF");
        }
    }

    @Test
    void startPositionInAPurgedFile() throws Exception {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            String db = own.createDatabase("err_purged");
            own.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            StartupOptions old = now(own);
            own.execute(db, "INSERT INTO t VALUES (2)");
            ServerBinlog.flush(own, 3);
            List<String> files = ServerBinlog.files(own);
            String kept = files.get(files.size() - 2);
            String last = files.get(files.size() - 1);
            ServerBinlog.purgeTo(own, kept);

            String message = errorOf(config(own, db).startup(old));

            String asked = old.file() + ":" + old.position();
            assertThat(message).contains(
                    "the binlog position " + asked + " is no longer on the server " + own.host() + ":" + own.port(),
                    "it has " + kept + " to " + last, "older files were purged",
                    "Start from 'earliest'", "keep binlogs longer");

            // the same when a restored split points there: the reader's binlog connection is refused
            String restored = errorOfStream(config(own, db).build(), BinlogPosition.at(old.file(), old.position()));
            assertThat(restored).contains(
                    "the binlog position " + asked + " is no longer on the server", "it has " + kept + " to " + last);
        }
    }

    @Test
    void startGtidWhoseTransactionsWerePurged() throws Exception {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            String db = own.createDatabase("err_gtid");
            own.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            String old = ServerBinlog.gtidPosition(own);
            own.execute(db, "INSERT INTO t VALUES (2)");
            ServerBinlog.flush(own, 2);
            List<String> files = ServerBinlog.files(own);
            String kept = files.get(files.size() - 1);
            ServerBinlog.purgeTo(own, kept);
            String current = ServerBinlog.gtidPosition(own);

            String message = errorOf(config(own, db).startup(StartupOptions.gtid(old)));

            assertThat(message).contains(
                    "cannot start after GTID set " + old, "does not have the transactions that follow it",
                    "It has " + kept, "up to '" + current + "'", "Start from a GTID set in that range, or from 'earliest'");
        }
    }

    @Test
    void startPositionInsideAnEvent() throws Exception {
        String db = server.createDatabase("err_offset");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        StartupOptions end = now(server);
        server.execute(db, "INSERT INTO t VALUES (2)");
        String asked = end.file() + ":" + (end.position() + 3);

        String message = errorOf(config(server, db).startup(StartupOptions.position(end.file(), end.position() + 3)));

        assertThat(message).contains(
                "cannot send the binlog from " + asked, "not the start of an event in " + end.file(),
                "Start at a transaction boundary");
    }

    @Test
    void duplicateServerId() throws Exception {
        String db = server.createDatabase("err_server_id");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        BinlogSourceConfig config = config(server, db).startup(now(server)).reconnectTimeout(FAIL_FAST).build();
        try (RunningJob job = RunningJob.start(config)) {
            server.execute(db, "INSERT INTO t VALUES (1)");
            assertThat(job.awaitRows(rows -> rows.size() == 1, Duration.ofSeconds(60)))
                    .as("the job reads the binlog").isTrue();

            BinaryLogClient other = new BinaryLogClient(server.host(), server.port(), server.user(), server.password());
            other.setServerId(config.serverId());
            other.setKeepAlive(false);
            StartupOptions at = now(server);
            other.setBinlogFilename(at.file());
            other.setBinlogPosition(at.position());
            other.connect(10_000); // returns once connected, then reads on a thread of its own
            try {
                Throwable failure = job.awaitFailure(Duration.ofSeconds(60));

                assertThat(sourceError(failure).getMessage()).contains(
                        "another replica or CDC client connected to " + server.host() + ":" + server.port()
                                + " with the same server-id " + config.serverId(),
                        "same server_uuid/server_id", // the server's words
                        "Give every replica and CDC client of that server its own source.server-id");
            } finally {
                other.disconnect();
            }
        }
    }

    /** No server has a column type the decoder lacks, so this one is built by hand: MariaDB 11.7's VECTOR. */
    @Test
    void unknownColumnType() {
        TableMapEventData tm = new TableMapEventData();
        tm.setTableId(42);
        tm.setDatabase("shop");
        tm.setTable("embeddings");
        tm.setColumnTypes(new byte[] {3, (byte) 242});
        tm.setColumnMetadata(new int[] {0, 4096});
        tm.setColumnNullability(new BitSet());
        TableMapEventMetadata metadata = new TableMapEventMetadata();
        metadata.setColumnNames(List.of("id", "embedding"));
        metadata.setSignedness(new BitSet());
        metadata.setSimplePrimaryKeys(List.of(0));
        tm.setEventMetadata(metadata);
        Charsets charsets = new Charsets(() -> {
            throw new SQLException("no server in this test");
        });

        assertThatThrownBy(() -> DecodedTable.build(tm, null, null, charsets, false))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("column shop.embeddings.embedding")
                .hasMessageContaining("VECTOR")
                .hasMessageContaining("cannot decode");
    }

    /** Runs a bounded job that must fail, and returns the message of the source's own error. */
    private static String errorOf(BinlogSourceConfig.Builder config) {
        Throwable thrown = catchThrowable(() -> readUntilNow(config.reconnectTimeout(FAIL_FAST)));
        return sourceError(thrown).getMessage();
    }

    /** Reads from {@code start} as a reader with a restored split would, and returns the error. */
    private static String errorOfStream(BinlogSourceConfig config, BinlogPosition start) throws Exception {
        BinlogStream stream = new BinlogStream(config, start, null, Map.of());
        stream.start();
        try {
            Throwable thrown = catchThrowable(() -> {
                while (true) {
                    stream.poll(100);
                }
            });
            return sourceError(thrown).getMessage();
        } finally {
            stream.close();
        }
    }

    /** The source's own exception among the causes of a job failure. */
    static SluiceSourceException sourceError(Throwable thrown) {
        assertThat(thrown).as("the job should have failed").isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SluiceSourceException e) {
                return e;
            }
        }
        throw new AssertionError("no SluiceSourceException among the causes of the failure", thrown);
    }
}
