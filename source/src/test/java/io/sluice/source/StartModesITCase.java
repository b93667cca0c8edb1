package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.env;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static io.sluice.source.SourceTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;
import io.sluice.testkit.MariaDbServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the source starts without restored state (earliest, latest, a file and position, a GTID
 * set, a time) and where a bounded source stops (a file and position, or latest).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartModesITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    void earliestStartsAtTheOldestFileTheServerStillHas() throws Exception {
        try (MariaDbServer own = MariaDbServer.builder().start()) {
            String db = own.createDatabase("earliest");
            own.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            ServerBinlog.flush(own, 1);
            own.execute(db, "INSERT INTO t VALUES (2)");

            assertThat(ids(readUntilNow(config(own, db).startup(StartupOptions.earliest())))).containsExactly(1L, 2L);

            String second = ServerBinlog.files(own).get(1);
            ServerBinlog.purgeTo(own, second);
            List<RowChange> afterPurge = rows(readUntilNow(config(own, db).startup(StartupOptions.earliest())));
            assertThat(ids(afterPurge)).containsExactly(2L);
            assertThat(afterPurge.get(0).source().file()).isEqualTo(second);
        }
    }

    @Test
    void latestReadsOnlyChangesMadeAfterTheJobStarted() throws Exception {
        String db = server.createDatabase("latest");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2), (3)");
        try (RunningJob job = RunningJob.start(config(server, db).startup(StartupOptions.latest()).build())) {
            // the job resolves 'latest' when it starts; probe until a change made now is read
            long probe = 1000;
            do {
                server.execute(db, "INSERT INTO t VALUES (" + probe++ + ")");
            } while (!job.awaitRows(rows -> !rows.isEmpty(), Duration.ofSeconds(1)));
            server.execute(db, "INSERT INTO t VALUES (10), (11)", "UPDATE t SET id = 12 WHERE id = 3");

            assertThat(job.awaitRows(rows -> rows.size() >= 3 && ids(rows).contains(12L), Duration.ofSeconds(60)))
                    .as("changes after the start are read: %s", job.rows()).isTrue();
            List<Long> ids = ids(job.rows());
            assertThat(ids).doesNotContain(1L, 2L).endsWith(10L, 11L, 12L);
            assertThat(ids.subList(0, ids.size() - 3)).allMatch(id -> id >= 1000);
        }
    }

    @Test
    void fileAndPositionStartsAtThatTransaction() throws Exception {
        String db = server.createDatabase("position");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
        StartupOptions start = now(server);
        server.execute(db, "INSERT INTO t VALUES (3)", "INSERT INTO t VALUES (4)");

        List<RowChange> rows = rows(readUntilNow(config(server, db).startup(start)));

        assertThat(ids(rows)).containsExactly(3L, 4L);
        assertThat(rows.get(0).source().file()).isEqualTo(start.file());
        assertThat(rows.get(0).source().position()).isGreaterThanOrEqualTo(start.position());
    }

    @Test
    void gtidStartsAfterTheTransactionsOfTheSet() throws Exception {
        String db = server.createDatabase("gtid");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
        String afterFirstBatch = ServerBinlog.gtidPosition(server);
        server.execute(db, "INSERT INTO t VALUES (3)");
        ServerBinlog.flush(server, 1); // the set's last transaction is in an older file than what follows
        server.execute(db, "INSERT INTO t VALUES (4)");

        List<RowChange> rows = rows(readUntilNow(config(server, db).startup(StartupOptions.gtid(afterFirstBatch))));

        assertThat(ids(rows)).containsExactly(3L, 4L);
        assertThat(sequence(rows.get(0).source().gtid())).isEqualTo(sequence(afterFirstBatch) + 1);

        String atEnd = ServerBinlog.gtidPosition(server);
        assertThat(readUntilNow(config(server, db).startup(StartupOptions.gtid(atEnd)))).isEmpty();
    }

    @Test
    void timestampStartsAtTheFirstTransactionOfThatSecond() throws Exception {
        String db = server.createDatabase("timestamp");
        ServerBinlog.flush(server, 1); // keep the search short on a server other tests filled
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
        Thread.sleep(1100); // the binlog records whole seconds
        long time = System.currentTimeMillis();
        server.execute(db, "INSERT INTO t VALUES (3)", "INSERT INTO t VALUES (4)");

        List<RowChange> rows = rows(readUntilNow(config(server, db).startup(StartupOptions.timestamp(time))));

        assertThat(ids(rows)).containsExactly(3L, 4L);
        assertThat(rows.get(0).source().timestampMs()).isGreaterThanOrEqualTo(time / 1000 * 1000);

        long future = System.currentTimeMillis() + 3_600_000;
        assertThat(readUntilNow(config(server, db).startup(StartupOptions.timestamp(future)))).isEmpty();
    }

    @Test
    void stopAtFileAndPositionReadsTheTransactionsThatStartBeforeIt() throws Exception {
        String db = server.createDatabase("stop_at");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        StartupOptions start = now(server);
        server.execute(db, "INSERT INTO t VALUES (1), (2)");
        StartupOptions second = now(server);
        server.execute(db, "INSERT INTO t VALUES (3)", "INSERT INTO t VALUES (4)");

        StopOptions atSecond = StopOptions.at(second.file(), second.position());
        assertThat(ids(readBounded(config(server, db).startup(start).stopAt(atSecond)))).containsExactly(1L, 2L);

        // a stop inside the second transaction: it started before the stop, so it is read whole
        StopOptions insideSecond = StopOptions.at(second.file(), second.position() + 1);
        assertThat(ids(readBounded(config(server, db).startup(start).stopAt(insideSecond)))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void stopAtLatestEndsAtThePositionWhenTheJobStarted() throws Exception {
        String db = server.createDatabase("stop_latest");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        StartupOptions start = now(server);
        for (int i = 1; i <= 5; i++) {
            server.execute(db, "INSERT INTO t VALUES (" + i + ")");
        }
        BinlogSourceConfig config = config(server, db).startup(start).stopAt(StopOptions.atLatest()).build();
        try (RunningJob job = RunningJob.start(config)) {
            assertThat(job.awaitRows(rows -> !rows.isEmpty(), Duration.ofSeconds(60))).isTrue();
            // the stop was resolved before the first row was read: this change is after it
            server.execute(db, "INSERT INTO t VALUES (100)");
            job.awaitFinished(Duration.ofSeconds(60));

            assertThat(ids(job.rows())).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    /**
     * EventDecoder only notices the stop at a transaction's start or commit, so a binlog that ends
     * in other events (FORMAT_DESCRIPTION, GTID_LIST, BINLOG_CHECKPOINT after a rotation) never
     * ends a bounded read: the job waits for the next transaction, forever on an idle server.
     */
    @Test
    void stopAtLatestWhenNoTransactionFollowsTheStart() throws Exception {
        String db = server.createDatabase("stop_idle");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        ServerBinlog.flush(server, 1);
        List<String> files = ServerBinlog.files(server);

        StartupOptions start = StartupOptions.position(files.get(files.size() - 1), 4);

        assertThat(readUntilNow(config(server, db).startup(start))).isEmpty();
    }

    @Test
    void stopBeforeStartIsAnError() throws Exception {
        String db = server.createDatabase("stop_before");
        server.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        StartupOptions start = now(server);
        StopOptions stop = StopOptions.at(start.file(), 4);

        Throwable thrown = catchThrowable(
                () -> readBounded(config(server, db).startup(start).stopAt(stop)));

        assertThat(SourceErrorsITCase.sourceError(thrown).getMessage()).contains(
                "the stop position " + stop, "is before the start position " + start, "Set stop-at to a later position");
    }

    /** Runs a bounded source (its stop set by the caller) to the end and returns its rows. */
    private static List<RowChange> readBounded(BinlogSourceConfig.Builder config) throws Exception {
        List<Event> out = new ArrayList<>();
        try (CloseableIterator<Event> it = env()
                .fromSource(new BinlogSource(config.build()), WatermarkStrategy.noWatermarks(), "binlog")
                .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return rows(out);
    }

    /** The {@code id} of each row change: the new one, or the deleted one. */
    private static List<Long> ids(List<? extends Event> events) {
        return events.stream()
                .filter(e -> e instanceof RowChange)
                .map(e -> (RowChange) e)
                .map(r -> ((Number) r.current()[0]).longValue())
                .toList();
    }

    private static long sequence(String mariaDbGtid) {
        return Long.parseLong(mariaDbGtid.substring(mariaDbGtid.lastIndexOf('-') + 1));
    }
}
