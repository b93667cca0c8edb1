package io.sluice.source.position;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BinlogPosition}: one test per ordering rule, and the constructor's checks. */
class BinlogPositionTest {

    @Test
    void sameFileOrdersByOffset() {
        BinlogPosition earlier = BinlogPosition.at("binlog.000003", 120);
        BinlogPosition later = BinlogPosition.at("binlog.000003", 4_000);

        assertThat(earlier).isLessThan(later);
        assertThat(later).isGreaterThan(earlier);
        assertThat(earlier.compareTo(BinlogPosition.at("binlog.000003", 120))).isZero();
    }

    @Test
    void fileNumberIsComparedAsANumberNotAsText() {
        // "binlog.9" > "binlog.10" as text; the suffix is what counts, whatever its padding
        assertThat(BinlogPosition.at("binlog.000009", 9_999)).isLessThan(BinlogPosition.at("binlog.000010", 4));
        assertThat(BinlogPosition.at("binlog.9", 4)).isLessThan(BinlogPosition.at("binlog.10", 4));
        assertThat(BinlogPosition.at("binlog.999999", 4)).isLessThan(BinlogPosition.at("binlog.1000000", 4));
    }

    @Test
    void laterFileWinsOverALargerOffset() {
        assertThat(BinlogPosition.at("binlog.000001", Long.MAX_VALUE))
                .isLessThan(BinlogPosition.at("binlog.000002", 4));
    }

    @Test
    void differentBaseNamesOrderByName() {
        BinlogPosition binlog = BinlogPosition.at("binlog.000002", 4);
        BinlogPosition mysqlBin = BinlogPosition.at("mysql-bin.000001", 4);

        assertThat(binlog).isLessThan(mysqlBin);
        assertThat(mysqlBin).isGreaterThan(binlog);
        assertThat(BinlogPosition.compareFiles("binlog.000002", "mysql-bin.000001")).isNegative();
    }

    @Test
    void fileWithoutNumericSuffixOrdersByName() {
        assertThat(BinlogPosition.compareFiles("binlog.abc", "binlog.abd")).isNegative();
        assertThat(BinlogPosition.compareFiles("binlog", "binlog")).isZero();
    }

    @Test
    void sameOffsetOrdersByEventsThenRowsToSkip() {
        BinlogPosition start = BinlogPosition.at("binlog.000001", 500);
        BinlogPosition firstRowEmitted = start.skipping(0, 1);
        BinlogPosition manyRowsOfFirstEvent = start.skipping(0, 1_000);
        BinlogPosition firstEventDone = start.skipping(1, 0);
        BinlogPosition secondEventRowEmitted = start.skipping(1, 1);

        List<BinlogPosition> shuffled = new ArrayList<>(
                List.of(secondEventRowEmitted, start, firstEventDone, manyRowsOfFirstEvent, firstRowEmitted));
        Collections.sort(shuffled);

        assertThat(shuffled)
                .containsExactly(start, firstRowEmitted, manyRowsOfFirstEvent, firstEventDone, secondEventRowEmitted);
    }

    @Test
    void skipCountsNeverOutweighTheOffset() {
        assertThat(BinlogPosition.at("binlog.000001", 500).skipping(100, 100))
                .isLessThan(BinlogPosition.at("binlog.000001", 501));
    }

    @Test
    void gtidSetTakesNoPartInTheOrder() {
        BinlogPosition withGtid = BinlogPosition.at("binlog.000001", 500, "0-1-100");
        BinlogPosition otherGtid = BinlogPosition.at("binlog.000001", 500, "0-1-7");
        BinlogPosition noGtid = BinlogPosition.at("binlog.000001", 500);

        assertThat(withGtid.compareTo(otherGtid)).isZero();
        assertThat(withGtid.compareTo(noGtid)).isZero();
        assertThat(noGtid.compareTo(withGtid)).isZero();
        // equality, unlike the order, includes the GTID set
        assertThat(withGtid).isNotEqualTo(noGtid);
    }

    @Test
    void skippingKeepsFileOffsetAndGtid() {
        BinlogPosition p = BinlogPosition.at("binlog.000001", 500, "0-1-5").skipping(2, 3);

        assertThat(p).isEqualTo(new BinlogPosition("binlog.000001", 500, "0-1-5", 2, 3));
        assertThat(p.isInsideTransaction()).isTrue();
        assertThat(BinlogPosition.at("binlog.000001", 500).isInsideTransaction()).isFalse();
    }

    @Test
    void toStringShowsSkipsAndGtid() {
        assertThat(BinlogPosition.at("binlog.000001", 500)).hasToString("binlog.000001:500");
        assertThat(new BinlogPosition("binlog.000001", 500, "0-1-5", 2, 3))
                .hasToString("binlog.000001:500 (+2 events, 3 rows) gtid 0-1-5");
    }

    @Test
    void rejectsMissingFile() {
        assertThatThrownBy(() -> BinlogPosition.at(null, 4))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("file");
    }

    @Test
    void rejectsOffsetBeforeTheFirstEvent() {
        assertThatThrownBy(() -> BinlogPosition.at("binlog.000001", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binlog position 3 in binlog.000001 is before the first event (4)");
        assertThat(BinlogPosition.at("binlog.000001", 4).position()).isEqualTo(4);
    }

    @Test
    void rejectsNegativeSkipCounts() {
        assertThatThrownBy(() -> new BinlogPosition("binlog.000001", 500, null, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative skip counts in binlog.000001:500");
        assertThatThrownBy(() -> new BinlogPosition("binlog.000001", 500, null, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative skip counts in binlog.000001:500");
    }
}
