package io.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import org.apache.flink.annotation.Internal;

/**
 * Keeps the GTID set of the transactions read so far, in MySQL's or MariaDB's notation: which one
 * the first GTID tells (MariaDB's {@code domain-server-sequence} has no colon, MySQL's
 * {@code uuid:number} has one), so the server need not be asked.
 */
@Internal
final class GtidTracker {
    private GtidSet set;
    private String text;

    GtidTracker(String initial) {
        this.text = initial == null ? "" : initial;
    }

    /** Adds a committed transaction's GTID (ignored when null: a server without GTIDs). */
    void add(String gtid) {
        if (gtid == null) {
            return;
        }
        if (set == null) {
            set = gtid.indexOf(':') < 0 ? new MariadbGtidSet(text) : new GtidSet(text);
        }
        set.add(gtid);
        text = null;
    }

    /** The set as text; null when no GTID was ever seen nor given. */
    String current() {
        if (text == null) {
            text = set.toString();
        }
        return text.isEmpty() ? null : text;
    }
}
