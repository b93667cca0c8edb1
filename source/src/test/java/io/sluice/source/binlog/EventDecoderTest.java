package io.sluice.source.binlog;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.config.XaUnknownCommit;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.SluiceSourceException;
import io.sluice.source.schema.BinlogTypes;
import io.sluice.source.schema.SchemaTracker;
import io.sluice.source.server.ServerConnection;

import com.github.shyiko.mysql.binlog.event.AnnotateRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EventDecoder} fed with events built in code, laid out as MariaDB 10.11 and MySQL 8 write
 * them: which records come out, and the position each one says to resume from.
 *
 * <p>No server is needed: the tracker is handed the table's schema as if restored from state, so
 * it never asks information_schema, and the TABLE_MAP events carry the full row metadata
 * ({@code binlog_row_metadata=FULL}) the project's servers write.
 */
class EventDecoderTest {
    private static final String FILE = "binlog.000001";
    private static final String NEXT_FILE = "binlog.000002";
    private static final long SERVER_ID = 1;
    private static final long TIME = 1_780_000_000_000L;
    private static final long TABLE_ID = 18;
    private static final String MYSQL_UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    private static final TableId ORDERS_ID = new TableId("shop", "orders");
    private static final TableSchema ORDERS = new TableSchema(ORDERS_ID,
            List.of(Column.of("id", ColumnType.BIGINT), Column.of("qty", ColumnType.INT)), List.of("id"));
    private static final BinlogSourceConfig CONFIG =
            BinlogSourceConfig.builder().username("cdc").serverId(5401).tables("shop\\..*", null).build();

    // MariaDB's GTID flags; the client's MariadbGtidEventData names all but the XA ones
    private static final int STANDALONE = 1;
    private static final int TRANSACTIONAL = 4;
    private static final int ALLOW_PARALLEL = 8;
    private static final int PREPARED_XA = 64;
    private static final int COMPLETED_XA = 128;
    /** What MariaDB sets on an ordinary InnoDB transaction (seen on MariaDB 10.11: 0x0c). */
    private static final int TRANSACTION = TRANSACTIONAL | ALLOW_PARALLEL;

    private final List<SourceRecord> records = new ArrayList<>();

    private EventDecoder decoder(BinlogPosition start, BinlogPosition stop) {
        // the connection is never opened: the table is known, so no schema is loaded
        SchemaTracker schemas = new SchemaTracker(CONFIG, new ServerConnection(CONFIG), Map.of(ORDERS_ID, ORDERS));
        return new EventDecoder(schemas, start, stop, () -> {}, records::add);
    }

    private EventDecoder decoder(BinlogPosition start, BinlogPosition stop, Map<String, List<RowChange>> preparedXa,
            long maxXaRows) {
        return decoder(start, stop, preparedXa, maxXaRows, XaUnknownCommit.FAIL);
    }

    private EventDecoder decoder(BinlogPosition start, BinlogPosition stop, Map<String, List<RowChange>> preparedXa,
            long maxXaRows, XaUnknownCommit unknownCommit) {
        SchemaTracker schemas = new SchemaTracker(CONFIG, new ServerConnection(CONFIG), Map.of(ORDERS_ID, ORDERS));
        return new EventDecoder(schemas, start, stop, preparedXa, maxXaRows, unknownCommit, () -> {}, records::add);
    }

    @Test
    void afterARotateTheRecordsResumeInTheNewFile() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 1900, "0-1-7"), null);

        decoder.onEvent(rotate(1900, 44, NEXT_FILE));

        // the rotate itself is no record: the position moves with the next transaction's records
        assertThat(records).isEmpty();

        feed(decoder, insertTransaction(379, 8, row(6, 1)));

        assertThat(records).extracting(SourceRecord::positionAfter).containsExactly(
                new BinlogPosition(NEXT_FILE, 379, "0-1-7", 0, 1),
                BinlogPosition.at(NEXT_FILE, 579, "0-1-8"));
        assertThat(change(records.get(0)).source().file()).isEqualTo(NEXT_FILE);
        assertThat(change(records.get(0)).source().position()).isEqualTo(486);
    }

    @Test
    void aHeartbeatEmitsNothingAndTheStreamGoesOn() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null);

        decoder.onEvent(heartbeat(379));

        assertThat(records).isEmpty();
        assertThat(decoder.finished()).isFalse();

        feed(decoder, insertTransaction(379, 3, row(1, 5)));

        assertThat(records).extracting(SourceRecord::positionAfter).containsExactly(
                new BinlogPosition(FILE, 379, "0-1-2", 0, 1),
                BinlogPosition.at(FILE, 579, "0-1-3"));
    }

    @Test
    void aHeartbeatAtTheStopPositionEndsABoundedRead() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), BinlogPosition.at(FILE, 1000));

        decoder.onEvent(heartbeat(579));
        assertThat(decoder.finished()).isFalse();

        // with no transaction left before the stop, only a heartbeat tells the read is over
        decoder.onEvent(heartbeat(1000));
        assertThat(decoder.finished()).isTrue();
        assertThat(records).isEmpty();
    }

    @Test
    void eachRowOfATransactionIsEmittedOnceInOrderWithWhatItsResumeSkips() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null);

        feed(decoder, twoInsertsAndAnUpdate());

        assertThat(records).hasSize(4);
        RowChange first = change(records.get(0));
        assertThat(first.op()).isEqualTo(Op.INSERT);
        assertThat(first.table()).isEqualTo(ORDERS_ID);
        assertThat(first.schema()).isEqualTo(ORDERS);
        assertThat(first.before()).isNull();
        assertThat(first.after()).containsExactly(1L, 5L);
        assertThat(first.source().position()).isEqualTo(486);
        assertThat(first.source().gtid()).isEqualTo("0-1-3");
        assertThat(first.source().serverId()).isEqualTo(SERVER_ID);
        assertThat(first.source().timestampMs()).isEqualTo(TIME);

        RowChange second = change(records.get(1));
        assertThat(second.op()).isEqualTo(Op.INSERT);
        assertThat(second.after()).containsExactly(2L, 7L);
        assertThat(second.source().position()).isEqualTo(486);

        RowChange update = change(records.get(2));
        assertThat(update.op()).isEqualTo(Op.UPDATE);
        assertThat(update.before()).containsExactly(1L, 5L);
        assertThat(update.after()).containsExactly(1L, 6L);
        assertThat(update.source().position()).isEqualTo(606);

        assertThat(records.get(3).event()).isNull();

        // inside the transaction: its start with the GTID set before it, plus the row events and
        // rows done; after the commit: the next transaction's start with this one's GTID added
        assertThat(records).extracting(SourceRecord::positionAfter).containsExactly(
                new BinlogPosition(FILE, 379, "0-1-2", 0, 1),
                new BinlogPosition(FILE, 379, "0-1-2", 0, 2),
                new BinlogPosition(FILE, 379, "0-1-2", 1, 1),
                BinlogPosition.at(FILE, 697, "0-1-3"));
    }

    @Test
    void aResumeFromAnyRecordedPositionInsideATransactionRepeatsNothingAndLosesNothing() {
        feed(decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null), twoInsertsAndAnUpdate());
        List<SourceRecord> all = List.copyOf(records);

        // every record but the commit, whose position is past the transaction
        for (int k = 0; k < all.size() - 1; k++) {
            records.clear();
            EventDecoder resumed = decoder(all.get(k).positionAfter(), null);

            // the server starts the dump at the transaction's first event: the decoder skips what was emitted
            feed(resumed, twoInsertsAndAnUpdate());

            List<SourceRecord> rest = all.subList(k + 1, all.size());
            assertThat(records).as("resumed after record %d", k)
                    .extracting(SourceRecord::event)
                    .containsExactlyElementsOf(rest.stream().map(SourceRecord::event).toList());
            assertThat(records).as("resumed after record %d", k)
                    .extracting(SourceRecord::positionAfter)
                    .containsExactlyElementsOf(rest.stream().map(SourceRecord::positionAfter).toList());
        }
    }

    private static final String XID = "X'786131',X'',1";

    /**
     * On the layout MariaDB 10.11 writes (the GTID event stands for XA START, XA PREPARE is an
     * XA_PREPARE event, XA COMMIT comes later in a group of its own), the prepared rows wait: the
     * prepare's group only moves the position and hands them to the split's state; the commit's
     * group sends them out as its own changes.
     */
    @Test
    void xaOnMariaDbHoldsThePreparedRowsAndEmitsThemAsChangesOfTheCommit() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null);

        feed(decoder, mariaDbXaPrepare());

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.event()).isNull();
            assertThat(r.positionAfter()).isEqualTo(BinlogPosition.at(FILE, 720, "0-1-3"));
            assertThat(r.xa().xid()).isEqualTo(XID);
            assertThat(r.xa().rows()).singleElement().satisfies(row -> assertThat(row.after()).containsExactly(3L, 9L));
        });

        records.clear();
        feed(decoder, mariaDbXaCommit());

        assertThat(records).hasSize(2);
        RowChange row = change(records.get(0));
        assertThat(row.op()).isEqualTo(Op.INSERT);
        assertThat(row.after()).containsExactly(3L, 9L);
        // a change of the commit's group, where the server made it visible
        assertThat(row.source().gtid()).isEqualTo("0-1-4");
        assertThat(row.source().position()).isEqualTo(765);
        assertThat(records.get(0).positionAfter()).isEqualTo(new BinlogPosition(FILE, 720, "0-1-3", 0, 1));
        assertThat(records.get(1).event()).isNull();
        assertThat(records.get(1).xa()).isEqualTo(new SourceRecord.XaMark(XID, null));
        assertThat(records.get(1).positionAfter()).isEqualTo(BinlogPosition.at(FILE, 853, "0-1-4"));
    }

    @Test
    void xaRollbackOnMariaDbDropsThePreparedRows() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null);

        feed(decoder, mariaDbXaPrepare());
        feed(decoder, List.of(
                mariaDbGtid(720, 45, 4, TRANSACTION | STANDALONE | COMPLETED_XA),
                query(765, 90, "XA ROLLBACK X'786131',X'',1")));

        assertThat(records).hasSize(2).allMatch(r -> r.event() == null);
        assertThat(records.get(1).xa()).isEqualTo(new SourceRecord.XaMark(XID, null));
        assertThat(records.get(1).positionAfter()).isEqualTo(BinlogPosition.at(FILE, 855, "0-1-4"));
    }

    /** On MySQL's layout XA START is a query after a GTID event without BEGIN; it opens the held part. */
    @Test
    void xaOnMySqlHoldsTheRowsFromXaStartToTheCommit() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 500), null);

        feed(decoder, List.of(
                mysqlGtid(500, 79, 1),
                query(579, 100, "XA START X'786131',X'',1"),
                tableMap(679, 60),
                writeRows(EventType.EXT_WRITE_ROWS, 739, 50, row(3, 9)),
                query(789, 98, "XA END X'786131',X'',1"),
                xaPrepare(887, 43, "xa1", false),
                mysqlGtid(930, 79, 2),
                query(1009, 99, "XA COMMIT X'786131',X'',1")));

        String firstDone = MYSQL_UUID + ":1-1";
        assertThat(records).extracting(SourceRecord::positionAfter).containsExactly(
                BinlogPosition.at(FILE, 930, firstDone),
                new BinlogPosition(FILE, 930, firstDone, 0, 1),
                BinlogPosition.at(FILE, 1108, MYSQL_UUID + ":1-2"));
        assertThat(records.get(0).xa().rows()).hasSize(1);
        RowChange row = change(records.get(1));
        assertThat(row.after()).containsExactly(3L, 9L);
        assertThat(row.source().position()).isEqualTo(1009);
        assertThat(row.source().gtid()).isEqualTo(MYSQL_UUID + ":2");
        assertThat(records.get(2).xa()).isEqualTo(new SourceRecord.XaMark(XID, null));
    }

    /** MySQL writes {@code XA COMMIT ... ONE PHASE} as an XA_PREPARE event with its one-phase flag. */
    @Test
    void aOnePhaseXaCommitOnMySqlEmitsItsRowsAtItsEnd() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 500), null);

        feed(decoder, List.of(
                mysqlGtid(500, 79, 1),
                query(579, 100, "XA START X'786131',X'',1"),
                tableMap(679, 60),
                writeRows(EventType.EXT_WRITE_ROWS, 739, 50, row(3, 9), row(4, 1)),
                query(789, 98, "XA END X'786131',X'',1"),
                xaPrepare(887, 43, "xa1", true)));

        assertThat(records).extracting(SourceRecord::positionAfter).containsExactly(
                new BinlogPosition(FILE, 500, null, 0, 1),
                new BinlogPosition(FILE, 500, null, 0, 2),
                BinlogPosition.at(FILE, 930, MYSQL_UUID + ":1-1"));
        assertThat(change(records.get(1)).after()).containsExactly(4L, 1L);
        assertThat(records).allMatch(r -> r.xa() == null);
    }

    /**
     * A restore after the prepare gets the prepared rows from the split's state; one inside the
     * commit's rows skips those already out.
     */
    @Test
    void aRestoreBetweenPrepareAndCommitOrInsideTheCommitLosesAndRepeatsNothing() {
        EventDecoder first = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null);
        feed(first, mariaDbXaPrepare(row(3, 9), row(4, 1)));
        Map<String, List<RowChange>> prepared = Map.of(XID, records.get(0).xa().rows());
        records.clear();

        EventDecoder afterPrepare = decoder(BinlogPosition.at(FILE, 720, "0-1-3"), null, prepared, 100);
        feed(afterPrepare, mariaDbXaCommit());
        assertThat(records).hasSize(3);
        assertThat(change(records.get(0)).after()).containsExactly(3L, 9L);
        assertThat(change(records.get(1)).after()).containsExactly(4L, 1L);
        BinlogPosition afterFirstRow = records.get(0).positionAfter();
        records.clear();

        EventDecoder insideCommit = decoder(afterFirstRow, null, prepared, 100);
        feed(insideCommit, mariaDbXaCommit());
        assertThat(records).hasSize(2);
        assertThat(change(records.get(0)).after()).containsExactly(4L, 1L);
        assertThat(records.get(1).positionAfter()).isEqualTo(BinlogPosition.at(FILE, 853, "0-1-4"));
    }

    @Test
    void aCommitOfATransactionPreparedBeforeTheStartStopsTheStream() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 720, "0-1-3"), null);

        assertThatThrownBy(() -> feed(decoder, mariaDbXaCommit()))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("the binlog at binlog.000001:765 commits XA transaction X'786131',X'',1, whose XA"
                        + " PREPARE (and rows) lie before the position this source started from")
                .hasMessageContaining("XA RECOVER")
                .hasMessageContaining("source.xa-unknown-commit: warn");
        assertThat(records).isEmpty();
    }

    @Test
    void withWarnACommitOfATransactionPreparedBeforeTheStartOnlyMovesThePosition() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 720, "0-1-3"), null, Map.of(), 100, XaUnknownCommit.WARN);

        feed(decoder, mariaDbXaCommit());

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.event()).isNull();
            assertThat(r.positionAfter()).isEqualTo(BinlogPosition.at(FILE, 853, "0-1-4"));
        });
    }

    @Test
    void moreHeldXaRowsThanTheBoundStopTheStreamNamingTheOption() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379, "0-1-2"), null, Map.of(), 1);

        assertThatThrownBy(() -> feed(decoder, mariaDbXaPrepare(row(3, 9), row(4, 1))))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("source.xa-max-rows (1) is the most Sluice holds")
                .hasMessageContaining("Raise source.xa-max-rows, or commit or roll back the prepared transactions");
    }

    /**
     * MariaDB with {@code log_bin_compress=ON} writes row events of type 166..171, which the client
     * does not know: they arrive as UNKNOWN with no data. They carry rows, so the decoder stops
     * with the cause and the setting to change instead of committing past them.
     */
    @Test
    void aMariaDbCompressedRowEventStopsTheStream() throws Exception {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 1572, "0-1-7"), null);

        assertThatThrownBy(() -> feed(decoder, List.of(
                mariaDbGtid(1572, 42, 8, TRANSACTION),
                annotateRows(1614, 112, "insert into shop.orders values (6,1),(7,8),(8,9),(9,10),(10,11),(11,12)"),
                tableMap(1726, 65),
                numbered(0xa6, 1791, 78),
                xid(1869, 31, 33))))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("the binlog at " + FILE + ":1791 holds a compressed row event (type 166: "
                        + "MariaDB's log_bin_compress=ON)")
                .hasMessageContaining("SET GLOBAL log_bin_compress = OFF");
        assertThat(records).isEmpty();
    }

    /** An event type nobody knows may carry rows too: an error naming its type and position. */
    @Test
    void anEventOfAnUnknownTypeStopsTheStream() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 1572, "0-1-7"), null);

        assertThatThrownBy(() -> feed(decoder, List.of(numbered(200, 1572, 40))))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("the binlog at " + FILE + ":1572 holds an event of type 200 that this version "
                        + "of Sluice cannot read; it may carry row changes");
    }

    /** MySQL 8.0.26+'s HEARTBEAT_LOG_EVENT_V2 (type 41) carries no change: it passes. */
    @Test
    void aHeartbeatV2Passes() throws Exception {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 379), null);

        feed(decoder, List.of(numbered(41, 379, 40)));
        feed(decoder, insertTransaction(379, 3, row(1, 5)));

        assertThat(records).hasSize(2);
        assertThat(change(records.get(0)).after()).containsExactly(1L, 5L);
    }

    /**
     * MySQL with {@code binlog_transaction_compression=ON} wraps a transaction's events in one
     * TRANSACTION_PAYLOAD event. Sluice does not decode it yet, so it stops rather than lose the
     * transaction's rows.
     */
    @Test
    void aMySqlCompressedTransactionStopsTheStream() {
        EventDecoder decoder = decoder(BinlogPosition.at(FILE, 500), null);
        TransactionPayloadEventData payload = new TransactionPayloadEventData();
        payload.setCompressionType(0);
        payload.setUncompressedEvents(new ArrayList<>(List.of(
                query(0, 73, "BEGIN"),
                tableMap(73, 60),
                writeRows(EventType.EXT_WRITE_ROWS, 133, 50, row(4, 1)),
                xid(183, 31, 7))));

        assertThatThrownBy(() -> feed(decoder, List.of(
                mysqlGtid(500, 79, 7),
                event(EventType.TRANSACTION_PAYLOAD, 579, 140, payload))))
                .isInstanceOf(SluiceSourceException.class)
                .hasMessageContaining("the binlog at " + FILE + ":579 holds a compressed transaction "
                        + "(a TRANSACTION_PAYLOAD event")
                .hasMessageContaining("SET GLOBAL binlog_transaction_compression = OFF");
        assertThat(records).isEmpty();
    }

    /** An event whose header was read from bytes, so it keeps its type number. */
    private static Event numbered(int typeNumber, long position, long length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(1_700_000_000).put((byte) typeNumber).putInt(1).putInt((int) length)
                .putInt((int) (position + length)).putShort((short) 0);
        NumberedEventHeader h = new NumberedEventHeader.Deserializer()
                .deserialize(new com.github.shyiko.mysql.binlog.io.ByteArrayInputStream(header.array()));
        return new Event(h, null);
    }

    /** A MariaDB transaction that inserts two rows and updates one of them, from 379 to 697. */
    private static List<Event> twoInsertsAndAnUpdate() {
        return List.of(
                mariaDbGtid(379, 42, 3, TRANSACTION),
                tableMap(421, 65),
                writeRows(EventType.WRITE_ROWS, 486, 55, row(1, 5), row(2, 7)),
                // MariaDB maps the table again before each row event
                tableMap(541, 65),
                updateRows(606, 60, row(1, 5), row(1, 6)),
                xid(666, 31, 40));
    }

    /** A MariaDB transaction inserting one row, from {@code position} to 200 bytes later. */
    private static List<Event> insertTransaction(long position, long sequence, Serializable[] row) {
        return List.of(
                mariaDbGtid(position, 42, sequence, TRANSACTION),
                tableMap(position + 42, 65),
                writeRows(EventType.WRITE_ROWS, position + 107, 62, row),
                xid(position + 169, 31, sequence));
    }

    /** The prepared half of an XA transaction inserting one row, as MariaDB 10.11 logs it (379 to 720). */
    private static List<Event> mariaDbXaPrepare() {
        return mariaDbXaPrepare(row(3, 9));
    }

    private static List<Event> mariaDbXaPrepare(Serializable[]... rows) {
        return List.of(
                mariaDbGtid(379, 47, 3, TRANSACTION | PREPARED_XA),
                annotateRows(426, 59, "insert into shop.orders values (3,9)"),
                tableMap(485, 65),
                writeRows(EventType.WRITE_ROWS, 550, 46, rows),
                query(596, 85, "XA END X'786131',X'',1"),
                xaPrepare(681, 39, "xa1", false));
    }

    /** The committing half, in a group of its own (720 to 853). */
    private static List<Event> mariaDbXaCommit() {
        return List.of(
                mariaDbGtid(720, 45, 4, TRANSACTION | STANDALONE | COMPLETED_XA),
                query(765, 88, "XA COMMIT X'786131',X'',1"));
    }

    private static void feed(EventDecoder decoder, List<Event> events) {
        events.forEach(decoder::onEvent);
    }

    private static RowChange change(SourceRecord record) {
        assertThat(record.event()).isInstanceOf(RowChange.class);
        return (RowChange) record.event();
    }

    private static Serializable[] row(long id, long qty) {
        return new Serializable[] {id, qty};
    }

    private static BitSet allColumns() {
        BitSet columns = new BitSet();
        columns.set(0, ORDERS.size());
        return columns;
    }

    /** An event at {@code position}; the client derives the position from the next one and the length. */
    private static Event event(EventType type, long position, long length, EventData data) {
        EventHeaderV4 header = new EventHeaderV4();
        header.setEventType(type);
        header.setServerId(SERVER_ID);
        header.setTimestamp(TIME);
        header.setEventLength(length);
        header.setNextPosition(position + length);
        return new Event(header, data);
    }

    /** A heartbeat: its header's next position is where the server's binlog is; the client gives no data. */
    private static Event heartbeat(long serverPosition) {
        return event(EventType.HEARTBEAT, serverPosition - 36, 36, null);
    }

    private static Event rotate(long position, long length, String nextFile) {
        RotateEventData data = new RotateEventData();
        data.setBinlogFilename(nextFile);
        data.setBinlogPosition(4);
        return event(EventType.ROTATE, position, length, data);
    }

    /** The body has no server id: the decoder takes the header's. */
    private static Event mariaDbGtid(long position, long length, long sequence, int flags) {
        MariadbGtidEventData data = new MariadbGtidEventData();
        data.setDomainId(0);
        data.setSequence(sequence);
        data.setFlags(flags);
        return event(EventType.MARIADB_GTID, position, length, data);
    }

    private static Event mysqlGtid(long position, long length, long transaction) {
        GtidEventData data = new GtidEventData();
        data.setGtid(MYSQL_UUID + ":" + transaction);
        return event(EventType.GTID, position, length, data);
    }

    private static Event query(long position, long length, String sql) {
        QueryEventData data = new QueryEventData();
        data.setDatabase("shop");
        data.setSql(sql);
        return event(EventType.QUERY, position, length, data);
    }

    private static Event annotateRows(long position, long length, String sql) {
        AnnotateRowsEventData data = new AnnotateRowsEventData();
        data.setRowsQuery(sql);
        return event(EventType.ANNOTATE_ROWS, position, length, data);
    }

    /** shop.orders (id BIGINT PRIMARY KEY, qty INT) with binlog_row_metadata=FULL. */
    private static Event tableMap(long position, long length) {
        TableMapEventMetadata metadata = new TableMapEventMetadata();
        metadata.setColumnNames(List.of("id", "qty"));
        metadata.setSignedness(new BitSet());
        metadata.setSimplePrimaryKeys(List.of(0));
        BitSet nullable = new BitSet();
        nullable.set(1);
        TableMapEventData data = new TableMapEventData();
        data.setTableId(TABLE_ID);
        data.setDatabase("shop");
        data.setTable("orders");
        data.setColumnTypes(new byte[] {(byte) BinlogTypes.LONGLONG, (byte) BinlogTypes.LONG});
        data.setColumnMetadata(new int[] {0, 0});
        data.setColumnNullability(nullable);
        data.setEventMetadata(metadata);
        return event(EventType.TABLE_MAP, position, length, data);
    }

    private static Event writeRows(EventType type, long position, long length, Serializable[]... rows) {
        WriteRowsEventData data = new WriteRowsEventData();
        data.setTableId(TABLE_ID);
        data.setIncludedColumns(allColumns());
        data.setRows(Arrays.asList(rows));
        return event(type, position, length, data);
    }

    private static Event updateRows(long position, long length, Serializable[] before, Serializable[] after) {
        UpdateRowsEventData data = new UpdateRowsEventData();
        data.setTableId(TABLE_ID);
        data.setIncludedColumnsBeforeUpdate(allColumns());
        data.setIncludedColumns(allColumns());
        data.setRows(List.of(Map.entry(before, after)));
        return event(EventType.UPDATE_ROWS, position, length, data);
    }

    private static Event xid(long position, long length, long xid) {
        XidEventData data = new XidEventData();
        data.setXid(xid);
        return event(EventType.XID, position, length, data);
    }

    private static Event xaPrepare(long position, long length, String gtrid, boolean onePhase) {
        XAPrepareEventData data = new XAPrepareEventData();
        data.setOnePhase(onePhase);
        data.setFormatID(1);
        data.setGtridLength(gtrid.length());
        data.setBqualLength(0);
        data.setData(gtrid.getBytes(StandardCharsets.US_ASCII));
        return event(EventType.XA_PREPARE, position, length, data);
    }
}
