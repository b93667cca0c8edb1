package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static io.sluice.source.SourceTestSupport.readUntilNow;
import static io.sluice.source.SourceTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.RowChange;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StopOptions;
import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * XA transactions on a real MariaDB: a transaction's rows reach the stream when its XA COMMIT is
 * read (XA PREPARE delivers nothing), never after XA ROLLBACK, and a restore from a checkpoint
 * taken while a transaction is prepared delivers its rows exactly once.
 */
class XaITCase {
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void rowsArriveAtTheCommitAndNeverAfterARollback() throws Exception {
        String db = server.createDatabase("xa");
        server.execute(db, "CREATE TABLE x (id INT PRIMARY KEY, v INT)");
        BinlogSourceConfig.Builder config = config(server, db).startup(now(server));

        server.execute(db, "INSERT INTO x VALUES (1, 0)");
        server.execute(db, "XA START 'a'", "INSERT INTO x VALUES (10, 1), (11, 1)", "UPDATE x SET v = 5 WHERE id = 1",
                "XA END 'a'", "XA PREPARE 'a'");
        server.execute(db, "INSERT INTO x VALUES (2, 0)");
        server.execute(db, "XA START 'b'", "INSERT INTO x VALUES (20, 1)", "XA END 'b'", "XA PREPARE 'b'");
        // committed and rolled back from other sessions, as a transaction manager does after a restart
        server.execute(db, "XA COMMIT 'a'");
        server.execute(db, "XA ROLLBACK 'b'");
        server.execute(db, "XA START 'c'", "INSERT INTO x VALUES (30, 1)", "XA END 'c'", "XA COMMIT 'c' ONE PHASE");
        server.execute(db, "INSERT INTO x VALUES (3, 0)");

        List<RowChange> rows = rows(readUntilNow(config));

        assertThat(rows).extracting(r -> r.op().code() + ":" + (r.after() != null ? r.after()[0] : r.before()[0]))
                .containsExactly("c:1", "c:2", "c:10", "c:11", "u:1", "c:30", "c:3");
        // the committed rows are changes of the commit: after row 2 in the binlog, not before it
        assertThat(rows.get(2).source().position()).isGreaterThan(rows.get(1).source().position());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @SuppressWarnings("deprecation")
    void restoresWhileTransactionsArePreparedDeliverTheirRowsOnce() throws Exception {
        int big = 300_000;
        String db = server.createDatabase("xa_restore");
        server.execute(db, "CREATE TABLE x (id BIGINT PRIMARY KEY, v INT)", "CREATE TABLE big (id BIGINT PRIMARY KEY)");
        BinlogSourceConfig.Builder config = config(server, db).startup(now(server));

        server.execute(db, "XA START 'a'", "INSERT INTO x SELECT seq, 1 FROM seq_1_to_1000", "XA END 'a'",
                "XA PREPARE 'a'");
        server.execute(db, "INSERT INTO big SELECT seq FROM seq_1_to_" + big);
        server.execute(db, "XA COMMIT 'a'");
        server.execute(db, "XA START 'b'", "INSERT INTO x SELECT seq, 2 FROM seq_2001_to_2500", "XA END 'b'",
                "XA PREPARE 'b'");
        server.execute(db, "INSERT INTO big SELECT seq FROM seq_" + (big + 1) + "_to_" + (2 * big));
        server.execute(db, "XA ROLLBACK 'b'");
        server.execute(db, "INSERT INTO x VALUES (5000, 3)");
        BinlogSourceConfig fixed = config.stopAt(StopOptions.atLatest()).build();

        String expected = StreamDigest.of(fixed, false);
        assertThat(expected).startsWith((big + 1000 + big + 1) + ":");

        // inside the big inserts, while 'a' and then 'b' are prepared
        String restored = StreamDigest.of(fixed, true, 100_000, 250_000, big + 1000 + 100_000, big + 1000 + 250_000);

        assertThat(StreamDigest.RESTORED_AT).as("a restore while 'a' was prepared")
                .anyMatch(n -> n > 0 && n < big);
        assertThat(restored).isEqualTo(expected);
    }
}
