package io.sluice.source;

import static io.sluice.source.SourceTestSupport.config;
import static io.sluice.source.SourceTestSupport.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.StopOptions;
import io.sluice.testkit.MariaDbServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Restores from checkpoints at random points of a stream with large transactions, one of a
 * million rows, and checks the result equals an uninterrupted run event by event.
 */
class RestoreITCase {
    private static final int BIG = 1_000_000;
    private final MariaDbServer server = MariaDbServer.shared();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @SuppressWarnings("deprecation")
    void restoresAtRandomPointsWithoutLossOrRepeat() throws Exception {
        String db = server.createDatabase("restore");
        server.execute(db,
                "CREATE TABLE big (id BIGINT PRIMARY KEY, v INT, s VARCHAR(40))",
                "CREATE TABLE small (id INT PRIMARY KEY AUTO_INCREMENT, k INT)");
        BinlogSourceConfig.Builder config = config(server, db).startup(now(server));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            server.execute(db, "INSERT INTO small (k) VALUES (" + random.nextInt(1000) + ")");
        }
        // one transaction of a million rows, written as thousands of row events
        server.execute(db, "INSERT INTO big SELECT seq, seq % 97, CONCAT('row-', seq) FROM seq_1_to_" + BIG);
        for (int i = 0; i < 100; i++) {
            server.execute(db, "UPDATE small SET k = k + 1 WHERE id % 10 = " + (i % 10));
        }
        // large update and delete transactions
        server.execute(db, "UPDATE big SET v = v + 1, s = 'updated' WHERE id % 5 = 0");
        server.execute(db, "DELETE FROM big WHERE id % 7 = 0");
        server.execute(db, "ALTER TABLE small ADD COLUMN note VARCHAR(10) DEFAULT 'n'");
        server.execute(db, "INSERT INTO small (k) VALUES (1), (2), (3)");
        config.stopAt(StopOptions.atLatest());
        BinlogSourceConfig fixed = config.build();
        long total = 200 + BIG + 100 * 20 + BIG / 5 + BIG / 7 + 1 + 3;

        String expected = StreamDigest.of(fixed, false);
        assertThat(expected).startsWith(total + ":");

        long[] failures = new long[4];
        for (int i = 0; i < failures.length; i++) {
            failures[i] = 150_000L + random.nextInt(1_100_000);
        }
        String restored = StreamDigest.of(fixed, true, failures);
        assertThat(StreamDigest.RESTORED_AT).as("restores from checkpoints happened").isNotEmpty();
        assertThat(StreamDigest.RESTORED_AT)
                .as("a restore resumed inside the million-row transaction")
                .anyMatch(n -> n > 200 && n < 200 + BIG);
        assertThat(restored).isEqualTo(expected);
    }
}
