package io.sluice.source.binlog;

import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.SourceInfo;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.UnknownXaCommitException;
import io.sluice.source.config.XaUnknownCommit;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.schema.DdlParser;
import io.sluice.source.schema.DecodedTable;
import io.sluice.source.schema.SchemaTracker;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the binlog client's events into {@link SourceRecord}s, following transactions so that
 * every record carries the exact position to resume from after it: the transaction's start plus
 * the row events and rows already emitted, or the next transaction's start after a commit.
 *
 * <p>When (re)started inside a transaction it skips what was already emitted. Not thread-safe:
 * used by the binlog thread only.
 */
@Internal
final class EventDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);
    /** MariaDB's GTID flag for a transaction without BEGIN/COMMIT (DDL). */
    private static final int FL_STANDALONE = 1;
    /** MariaDB's GTID flag for the group of an XA transaction that ends with XA PREPARE. */
    private static final int FL_PREPARED_XA = 64;
    /** {@code XA COMMIT X'6131',X'',1} or {@code XA ROLLBACK ...}: the second group of a two-phase XA transaction. */
    private static final Pattern XA_OUTCOME = Pattern.compile(
            "XA\\s+(COMMIT|ROLLBACK)\\s+(X'[0-9A-Fa-f]*'\\s*,\\s*X'[0-9A-Fa-f]*'\\s*,\\s*\\d+)\\s*;?",
            Pattern.CASE_INSENSITIVE);

    /** Receives the decoded records. */
    interface Output {
        void emit(SourceRecord record);
    }

    private final SchemaTracker schemas;
    /** Fails, naming the server setting to change, when the server's binlog settings are wrong. */
    private final Runnable settingsCheck;
    private final Output output;
    private final BinlogPosition stop;
    private final GtidTracker gtids;

    private String file;
    private BinlogPosition txStart;
    private boolean inTransaction;
    private boolean sawBegin;
    private String gtid;
    private long rowEvents;
    private BinlogPosition resumeFrom;
    private boolean finished;
    /** The most rows of XA transactions held between XA START and XA COMMIT. */
    private final long maxXaRows;
    private final XaUnknownCommit unknownCommit;
    /** Prepared XA transactions waiting for XA COMMIT or ROLLBACK, by XID, in prepare order. */
    private final Map<String, List<RowChange>> preparedXa;
    private long preparedXaRows;
    /** The rows of the XA transaction being read (between XA START and XA PREPARE), or null outside one. */
    private List<SourceRecord> xaRows;

    EventDecoder(SchemaTracker schemas, BinlogPosition start, BinlogPosition stop, Runnable settingsCheck,
            Output output) {
        this(schemas, start, stop, Map.of(), BinlogSourceConfig.DEFAULT_XA_MAX_ROWS, XaUnknownCommit.FAIL,
                settingsCheck, output);
    }

    EventDecoder(SchemaTracker schemas, BinlogPosition start, BinlogPosition stop,
            Map<String, List<RowChange>> preparedXa, long maxXaRows, XaUnknownCommit unknownCommit,
            Runnable settingsCheck, Output output) {
        this.unknownCommit = unknownCommit;
        this.schemas = schemas;
        this.settingsCheck = settingsCheck;
        this.output = output;
        this.stop = stop;
        this.gtids = new GtidTracker(start.gtidSet());
        this.maxXaRows = maxXaRows;
        this.preparedXa = new LinkedHashMap<>(preparedXa);
        preparedXa.values().forEach(rows -> preparedXaRows += rows.size());
        restartAt(start);
    }

    /** Prepares for a new connection at {@code position}, skipping what it says was emitted. */
    void restartAt(BinlogPosition position) {
        this.file = position.file();
        this.resumeFrom = position.isInsideTransaction() ? position : null;
        this.inTransaction = false;
        this.xaRows = null;
        if (stop != null && !position.isInsideTransaction() && position.compareTo(stop) >= 0) {
            finished = true;
        }
    }

    /** True once the stop position was reached: the caller disconnects. */
    boolean finished() {
        return finished;
    }

    void onEvent(Event event) {
        EventHeaderV4 h = event.getHeader();
        EventType type = h.getEventType();
        switch (type) {
            case ROTATE -> file = ((RotateEventData) event.getData()).getBinlogFilename();
            case GTID -> {
                beginTransaction(h, ((GtidEventData) event.getData()).getGtid());
                sawBegin = false;
            }
            case MARIADB_GTID -> {
                MariadbGtidEventData g = event.getData();
                // the event body has no server id: it is the header's
                beginTransaction(h, g.getDomainId() + "-" + h.getServerId() + "-" + g.getSequence());
                sawBegin = (g.getFlags() & FL_STANDALONE) == 0;
                if ((g.getFlags() & FL_PREPARED_XA) != 0) {
                    // MariaDB writes XA START into the GTID event, not as a query
                    xaRows = new ArrayList<>();
                }
            }
            case XA_PREPARE -> xaPrepared(h, event.getData());
            case QUERY -> onQuery(h, event.getData());
            case XID -> commit(h);
            case TABLE_MAP -> schemas.onTableMap((TableMapEventData) event.getData());
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData d = event.getData();
                rows(h, d.getTableId(), d.getRows(), EventDecoder::insert, d.getIncludedColumns(), null);
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData d = event.getData();
                rows(h, d.getTableId(), d.getRows(), EventDecoder::delete, d.getIncludedColumns(), null);
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData d = event.getData();
                rows(h, d.getTableId(), d.getRows(), EventDecoder::update,
                        d.getIncludedColumnsBeforeUpdate(), d.getIncludedColumns());
            }
            case TRANSACTION_PAYLOAD -> throw compressedTransaction(h);
            case PARTIAL_UPDATE_ROWS_EVENT -> throw new SluiceSourceException("the binlog at " + file + ":"
                    + h.getPosition() + " holds a partial JSON update (binlog_row_value_options=PARTIAL_JSON for the"
                    + " session that wrote it), which carries only the changed parts of JSON columns; Sluice needs"
                    + " whole row images: set binlog_row_value_options='' (SET GLOBAL binlog_row_value_options = '',"
                    + " and no session overrides)");
            case UNKNOWN -> unknown(h);
            default -> {
                // FORMAT_DESCRIPTION, HEARTBEAT, ANNOTATE_ROWS, ROWS_QUERY, GTID lists, checkpoints:
                // no change, but they may lie at or past the stop position with no transaction after
                if (!inTransaction && stop != null && h.getNextPosition() > 0
                        && BinlogPosition.at(file, h.getNextPosition()).compareTo(stop) >= 0) {
                    finished = true;
                }
            }
        }
    }

    /** MariaDB's compressed query and row events (log_bin_compress=ON): 165 to 171. */
    private static final int FIRST_MARIADB_COMPRESSED = 165;
    private static final int LAST_MARIADB_COMPRESSED = 171;
    /** MySQL 8.0.26+'s HEARTBEAT_LOG_EVENT_V2: a heartbeat with a 64-bit position; carries no change. */
    private static final int HEARTBEAT_V2 = 41;

    /**
     * MySQL's binlog_transaction_compression wraps a whole transaction, rows included, in one
     * zstd-compressed TRANSACTION_PAYLOAD event. Sluice does not decode them yet: stop rather than
     * pass by its rows.
     */
    private SluiceSourceException compressedTransaction(EventHeaderV4 h) {
        return new SluiceSourceException("the binlog at " + file + ":" + h.getPosition() + " holds a compressed"
                + " transaction (a TRANSACTION_PAYLOAD event: binlog_transaction_compression=ON for the session that"
                + " wrote it), which this version of Sluice cannot decode; it stops instead of skipping the"
                + " transaction's rows. Set binlog_transaction_compression=OFF (SET GLOBAL"
                + " binlog_transaction_compression = OFF, in the server's configuration, and no session overrides),"
                + " then either restart from a checkpoint or position before this transaction once it is rewritten"
                + " uncompressed elsewhere, or snapshot the tables again (startup: initial)");
    }

    /**
     * An event type the binlog client does not know. MariaDB's compressed events carry rows, and an
     * unknown type may too: stop, naming the cause, unless the type is known to carry no change.
     */
    private void unknown(EventHeaderV4 h) {
        int number = h instanceof NumberedEventHeader n ? n.typeNumber() : -1;
        if (number == HEARTBEAT_V2) {
            return;
        }
        String where = "the binlog at " + file + ":" + h.getPosition();
        if (number >= FIRST_MARIADB_COMPRESSED && number <= LAST_MARIADB_COMPRESSED) {
            throw new SluiceSourceException(where + " holds a compressed " + (number == FIRST_MARIADB_COMPRESSED
                    ? "query" : "row") + " event (type " + number + ": MariaDB's log_bin_compress=ON), which this"
                    + " version of Sluice cannot decode; it stops instead of skipping its changes. Set"
                    + " log_bin_compress=OFF (SET GLOBAL log_bin_compress = OFF, and in the server's configuration);"
                    + " changes written while it was ON can only be read again by snapshotting the tables"
                    + " (startup: initial)");
        }
        throw new SluiceSourceException(where + " holds an event of type " + (number < 0 ? "unknown" : number)
                + " that this version of Sluice cannot read; it may carry row changes, so Sluice stops instead of"
                + " skipping it. Check the server's version and binlog settings against the README's list of"
                + " supported servers");
    }

    private void beginTransaction(EventHeaderV4 h, String transactionGtid) {
        txStart = BinlogPosition.at(file, h.getPosition(), gtids.current());
        if (stop != null && txStart.compareTo(stop) >= 0) {
            finished = true;
        }
        inTransaction = true;
        gtid = transactionGtid;
        rowEvents = 0;
    }

    private void onQuery(EventHeaderV4 h, QueryEventData q) {
        String sql = q.getSql().trim();
        if (sql.equalsIgnoreCase("BEGIN")) {
            if (!inTransaction) {
                beginTransaction(h, null);
            }
            sawBegin = true;
        } else if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
            commit(h);
        } else if (startsWithWords(sql, "XA", "START") || startsWithWords(sql, "XA", "BEGIN")) {
            // MySQL: the rows that follow go out only when the transaction commits
            if (!inTransaction) {
                beginTransaction(h, null);
            }
            sawBegin = true;
            xaRows = new ArrayList<>();
        } else if (startsWithWords(sql, "XA", "END")) {
            // the transaction continues up to its XA PREPARE
        } else if (XA_OUTCOME.matcher(sql).matches()) {
            xaEnded(h, sql);
        } else {
            if (!inTransaction) {
                beginTransaction(h, null);
            }
            if (DdlParser.isDdl(sql) && !finished) {
                ddl(h, q, sql);
            } else if (!finished) {
                rejectStatementRows(h, q, sql);
            }
            if (!sawBegin) {
                commit(h);
            }
        }
    }

    /** A DDL counts as one unit of the transaction, so its schema changes are not repeated on resume. */
    private void ddl(EventHeaderV4 h, QueryEventData q, String sql) {
        long event = rowEvents++;
        List<TableId> tables = DdlParser.tablesOf(sql, q.getDatabase());
        for (int k = 0; k < tables.size(); k++) {
            TableId table = tables.get(k);
            if (!schemas.tracks(table)) {
                continue;
            }
            Optional<TableSchema> schema = schemas.onDdl(table);
            if (alreadyEmitted(event, k)) {
                continue;
            }
            SourceInfo source = new SourceInfo(
                    table.db(), table.table(), h.getServerId(), file, h.getPosition(), gtid, h.getTimestamp(), false);
            SchemaChange change = new SchemaChange(table, sql, schema.orElse(null), source);
            output.emit(SourceRecord.inside(change, txStart, event, k + 1));
        }
    }

    /**
     * A row change logged as SQL text (a session with binlog_format STATEMENT or MIXED) cannot be
     * turned into row images: fail rather than drop it, unless it only touches excluded tables.
     */
    private void rejectStatementRows(EventHeaderV4 h, QueryEventData q, String sql) {
        Matcher m = DML.matcher(sql);
        if (!m.find()) {
            return;
        }
        TableId table = DdlParser.toTableId(m.group(1), q.getDatabase());
        if (schemas.tracks(table)) {
            settingsCheck.run();
            throw new SluiceSourceException(
                    "the binlog at " + file + ":" + h.getPosition() + " holds a change of " + table + " as an SQL"
                            + " statement, not as row events: the session that wrote it used binlog_format"
                            + " STATEMENT or MIXED. Sluice needs binlog_format=ROW for every session"
                            + " (SET GLOBAL binlog_format = 'ROW', and no session overrides); statement: "
                            + (sql.length() > 200 ? sql.substring(0, 200) + "..." : sql));
        }
    }

    /**
     * A row image without every column (binlog_row_image MINIMAL or NOBLOB, for the server or for
     * the session that wrote it) would overwrite the targets' missing columns: fail instead.
     */
    private void rejectPartialImage(EventHeaderV4 h, TableSchema schema, BitSet image) {
        settingsCheck.run();
        throw new SluiceSourceException(
                "the binlog at " + file + ":" + h.getPosition() + " holds a row image of " + schema.id() + " with "
                        + image.cardinality() + " of its " + schema.size() + " columns: the session that wrote it"
                        + " used binlog_row_image MINIMAL or NOBLOB. Sluice needs every column of every changed"
                        + " row: set binlog_row_image=FULL for every session (SET GLOBAL binlog_row_image = 'FULL',"
                        + " and no session overrides)");
    }

    private static final Pattern DML = Pattern.compile(
            "^\\s*(?:INSERT(?:\\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE))*(?:\\s+INTO)?|REPLACE(?:\\s+INTO)?"
                    + "|UPDATE(?:\\s+(?:LOW_PRIORITY|IGNORE))*|DELETE(?:\\s+(?:LOW_PRIORITY|QUICK|IGNORE))*\\s+FROM)"
                    + "\\s+((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?)",
            Pattern.CASE_INSENSITIVE);

    private void commit(EventHeaderV4 h) {
        commit(h, null);
    }

    private void commit(EventHeaderV4 h, SourceRecord.XaMark xa) {
        gtids.add(gtid);
        gtid = null;
        inTransaction = false;
        resumeFrom = null;
        xaRows = null;
        BinlogPosition next = BinlogPosition.at(file, h.getNextPosition(), gtids.current());
        output.emit(xa == null ? new SourceRecord(null, next) : SourceRecord.xa(xa, next));
        if (stop != null && next.compareTo(stop) >= 0) {
            finished = true;
        }
    }

    private boolean alreadyEmitted(long event, long row) {
        BinlogPosition r = resumeFrom;
        return r != null && r.position() == txStart.position() && r.file().equals(txStart.file())
                && (event < r.eventsToSkip() || event == r.eventsToSkip() && row < r.rowsToSkip());
    }


    /** Builds the change of one row of a row event. */
    private interface RowMaker<R> {
        RowChange make(TableSchema schema, R row, SourceInfo source);
    }

    private static RowChange insert(TableSchema schema, Serializable[] row, SourceInfo source) {
        return new RowChange(Op.INSERT, schema.id(), schema, null, row, source);
    }

    private static RowChange delete(TableSchema schema, Serializable[] row, SourceInfo source) {
        return new RowChange(Op.DELETE, schema.id(), schema, row, null, source);
    }

    private static RowChange update(
            TableSchema schema, Map.Entry<Serializable[], Serializable[]> row, SourceInfo source) {
        return new RowChange(Op.UPDATE, schema.id(), schema, row.getKey(), row.getValue(), source);
    }

    /** Emits the rows of one row event that were not emitted before a restart. */
    private <R> void rows(EventHeaderV4 h, long tableId, List<R> rows, RowMaker<R> maker, BitSet image, BitSet after) {
        if (!inTransaction) {
            beginTransaction(h, null);
            sawBegin = true;
        }
        long event = rowEvents++;
        DecodedTable table = schemas.table(tableId);
        if (table.excluded() || finished) {
            return;
        }
        TableSchema schema = table.schema();
        if (image.cardinality() != schema.size() || after != null && after.cardinality() != schema.size()) {
            rejectPartialImage(h, schema, after != null && after.cardinality() != schema.size() ? after : image);
        }
        SourceInfo source = source(h, schema);
        for (int k = 0; k < rows.size(); k++) {
            if (!alreadyEmitted(event, k)) {
                SourceRecord record = SourceRecord.inside(maker.make(schema, rows.get(k), source), txStart, event, k + 1);
                if (xaRows == null) {
                    output.emit(record);
                } else {
                    holdXaRow(h, record);
                }
            }
        }
    }

    /** A row of an XA transaction, held until the transaction commits; at most {@link #maxXaRows} in all. */
    private void holdXaRow(EventHeaderV4 h, SourceRecord record) {
        if (preparedXaRows + xaRows.size() >= maxXaRows) {
            throw new SluiceSourceException("the binlog at " + file + ":" + h.getPosition() + " holds XA transactions"
                    + " whose rows wait for their XA COMMIT: " + preparedXa.size() + " prepared and not yet committed"
                    + " or rolled back (" + preparedXaRows + " rows), and one being read (" + xaRows.size() + " rows so"
                    + " far); source.xa-max-rows (" + maxXaRows + ") is the most Sluice holds, in memory and in its"
                    + " checkpoints. Raise source.xa-max-rows, or commit or roll back the prepared transactions (XA"
                    + " RECOVER lists them)");
        }
        xaRows.add(record);
    }

    /**
     * The end of an XA transaction's first group: with {@code XA COMMIT ... ONE PHASE} (MySQL) its
     * rows go out now; after XA PREPARE they wait, in this decoder and in the split's state,
     * until the binlog commits or rolls the transaction back.
     */
    private void xaPrepared(EventHeaderV4 h, XAPrepareEventData d) {
        String xid = xid(d);
        List<SourceRecord> held = xaRows == null ? List.of() : xaRows;
        xaRows = null;
        if (d.isOnePhase()) {
            held.forEach(output::emit);
            commit(h);
            return;
        }
        List<RowChange> rows = new ArrayList<>(held.size());
        held.forEach(r -> rows.add((RowChange) r.event()));
        preparedXa.put(xid, rows);
        preparedXaRows += rows.size();
        commit(h, new SourceRecord.XaMark(xid, List.copyOf(rows)));
    }

    /**
     * {@code XA COMMIT xid} sends the prepared rows out as changes of this group (where the
     * server made them visible, so a snapshot's watermarks judge them correctly); {@code XA
     * ROLLBACK xid} drops them.
     */
    private void xaEnded(EventHeaderV4 h, String sql) {
        Matcher m = XA_OUTCOME.matcher(sql);
        if (!m.matches()) {
            throw new IllegalStateException("not an XA COMMIT or ROLLBACK: " + sql);
        }
        String xid = normalXid(m.group(2));
        boolean commit = m.group(1).equalsIgnoreCase("COMMIT");
        if (!inTransaction) {
            beginTransaction(h, null);
        }
        List<RowChange> rows = preparedXa.get(xid);
        if (rows == null) {
            if (commit && !finished) {
                String what = "the binlog at " + file + ":" + h.getPosition() + " commits XA transaction " + xid
                        + ", whose XA PREPARE (and rows) lie before the position this source started from (it was in"
                        + " flight when the job first started, or while its snapshot ran), so its rows cannot be"
                        + " delivered";
                if (unknownCommit == XaUnknownCommit.FAIL) {
                    throw new UnknownXaCommitException(what + ". Start from a position before its XA PREPARE"
                            + " (mariadb-binlog or mysqlbinlog shows it), or when XA RECOVER lists no prepared"
                            + " transaction; or set source.xa-unknown-commit: warn to go on without its rows");
                }
                LOG.warn("{}; going on without them (source.xa-unknown-commit: warn)", what);
            }
        } else if (commit && !finished) {
            long event = rowEvents++;
            for (int k = 0; k < rows.size(); k++) {
                if (!alreadyEmitted(event, k)) {
                    output.emit(SourceRecord.inside(committed(rows.get(k), h), txStart, event, k + 1));
                }
            }
        }
        if (rows != null) {
            preparedXa.remove(xid);
            preparedXaRows -= rows.size();
        }
        commit(h, new SourceRecord.XaMark(xid, null));
    }

    /** A prepared row as a change of the commit's group. */
    private RowChange committed(RowChange row, EventHeaderV4 h) {
        SourceInfo source = new SourceInfo(row.table().db(), row.table().table(), h.getServerId(), file,
                h.getPosition(), gtid, h.getTimestamp(), false);
        return new RowChange(row.op(), row.table(), row.schema(), row.before(), row.after(), source);
    }

    /** The XID in the binlog's spelling of XA statements: {@code X'6131',X'',1}, hex in lower case. */
    private static String xid(XAPrepareEventData d) {
        byte[] data = d.getData();
        int g = d.getGtridLength();
        return "X'" + HexFormat.of().formatHex(data, 0, g) + "',X'"
                + HexFormat.of().formatHex(data, g, g + d.getBqualLength()) + "'," + d.getFormatID();
    }

    private static String normalXid(String written) {
        return written.replaceAll("\\s+", "").toLowerCase(Locale.ROOT).replace("x'", "X'");
    }

    private static boolean startsWithWords(String sql, String first, String second) {
        String[] words = sql.split("\\s+", 3);
        return words.length >= 2 && words[0].equalsIgnoreCase(first) && words[1].equalsIgnoreCase(second);
    }

    private SourceInfo source(EventHeaderV4 h, TableSchema schema) {
        return new SourceInfo(schema.id().db(), schema.id().table(), h.getServerId(), file, h.getPosition(), gtid,
                h.getTimestamp(), false);
    }
}
