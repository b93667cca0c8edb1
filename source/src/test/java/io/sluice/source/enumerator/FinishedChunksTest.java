package io.sluice.source.enumerator;

import io.sluice.source.position.BinlogPosition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FinishedChunks}: neighbours with one watermark merge; a chunk read again takes its new watermark. */
class FinishedChunksTest {
    private static final BinlogPosition A = BinlogPosition.at("binlog.000001", 100);
    private static final BinlogPosition B = BinlogPosition.at("binlog.000001", 200);

    private static Object[] k(long v) {
        return new Object[] {v};
    }

    @Test
    void neighboursWithTheSameWatermarkFormOneRun() {
        FinishedChunks f = new FinishedChunks();
        f.add(0, null, k(10), A);
        f.add(2, k(20), k(30), A);
        assertThat(f.runCount()).isEqualTo(2);

        // filling the gap joins all three; the GTID set takes no part
        f.add(1, k(10), k(20), new BinlogPosition("binlog.000001", 100, "0-1-5", 0, 0));

        assertThat(f.runs()).extracting(EnumeratorStateSerializerCompatibilityTest::describe)
                .containsExactly("0..2 [-inf, 30) at binlog.000001:100");
        assertThat(f.count()).isEqualTo(3);
    }

    @Test
    void otherWatermarksStayApart() {
        FinishedChunks f = new FinishedChunks();
        f.add(0, null, k(10), A);
        f.add(1, k(10), k(20), B);
        f.add(2, k(20), null, A);

        assertThat(f.runs()).extracting(EnumeratorStateSerializerCompatibilityTest::describe).containsExactly(
                "0..0 [-inf, 10) at binlog.000001:100",
                "1..1 [10, 20) at binlog.000001:200",
                "2..2 [20, +inf) at binlog.000001:100");
    }

    @Test
    void aChunkReadAgainSplitsItsRunAndTakesTheNewWatermark() {
        FinishedChunks f = new FinishedChunks();
        for (int i = 0; i < 5; i++) {
            f.add(i, i == 0 ? null : k(i * 10L), k((i + 1) * 10L), A);
        }
        f.add(2, k(20), k(30), B);

        assertThat(f.runs()).extracting(EnumeratorStateSerializerCompatibilityTest::describe).containsExactly(
                "0..1 [-inf, 20) at binlog.000001:100",
                "2..2 [20, 30) at binlog.000001:200",
                "3..4 [30, 50) at binlog.000001:100");
        assertThat(f.count()).isEqualTo(5);

        // and reported again with the old watermark, the run heals
        f.add(2, k(20), k(30), A);
        assertThat(f.runCount()).isEqualTo(1);
        assertThat(f.count()).isEqualTo(5);
        // a repeat of the same report changes nothing
        f.add(4, k(40), k(50), A);
        assertThat(f.count()).isEqualTo(5);
        assertThat(f.contains(4)).isTrue();
        assertThat(f.contains(5)).isFalse();
    }
}
