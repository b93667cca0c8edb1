package io.sluice.source.metrics;

import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The binlog source's metrics, under the source reader's group ({@code
 * <job>.<operator>.<subtask>.}):
 *
 * <ul>
 *   <li>{@value #FETCH_LAG}: ms between a change's commit and its fetch (Flink's standard name;
 *       {@code currentEmitEventTimeLag} comes from Flink itself, as records carry their time);
 *   <li>{@value #BINLOG_FILE}, {@value #BINLOG_POSITION}: the position of the next change to emit;
 *   <li>{@value #RECONNECTS}: binlog connections re-established after a loss;
 *   <li>{@code db.<db>.table.<table>.}{@value #RECORDS_IN}: changes emitted per table.
 * </ul>
 */
@Internal
public final class SourceMetrics {
    public static final String FETCH_LAG = "currentFetchEventTimeLag";
    public static final String BINLOG_FILE = "currentBinlogFile";
    public static final String BINLOG_POSITION = "currentBinlogPosition";
    public static final String RECONNECTS = "reconnects";
    public static final String RECORDS_IN = "numRecordsIn";

    private final MetricGroup group;
    private final Map<TableId, Counter> perTable = new HashMap<>();
    private String lastDb;
    private String lastTable;
    private Counter lastCounter;
    private volatile long fetchLag;
    private volatile String binlogFile = "";
    private volatile long binlogPosition;
    private volatile LongSupplier reconnects = () -> 0;

    public SourceMetrics(SourceReaderMetricGroup group) {
        this.group = group;
        group.gauge(FETCH_LAG, () -> fetchLag);
        group.gauge(BINLOG_FILE, () -> binlogFile);
        group.gauge(BINLOG_POSITION, () -> binlogPosition);
        group.gauge(RECONNECTS, () -> reconnects.getAsLong());
    }

    public void fetched(long eventTimeMillis) {
        fetchLag = System.currentTimeMillis() - eventTimeMillis;
    }

    public void position(String file, long position) {
        binlogFile = file;
        binlogPosition = position;
    }

    public void reconnectsFrom(LongSupplier counter) {
        reconnects = counter;
    }

    /**
     * Counts an emitted change of its physical table; called on the task thread only. Changes of
     * one row event share their name strings, so the last table's counter is found without a
     * lookup.
     */
    public void emitted(SourceInfo source) {
        if (source.db() != lastDb || source.table() != lastTable) {
            TableId table = source.tableId();
            lastCounter = perTable.computeIfAbsent(table,
                    t -> group.addGroup("db", t.db()).addGroup("table", t.table()).counter(RECORDS_IN));
            lastDb = source.db();
            lastTable = source.table();
        }
        lastCounter.inc();
    }
}
