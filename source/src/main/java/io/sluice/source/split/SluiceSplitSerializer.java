package io.sluice.source.split;

import io.sluice.event.Column;
import io.sluice.event.EventSerializer;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.SnapshotHandover.TableWatermarks;
import io.sluice.source.split.SnapshotHandover.WatermarkRange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versioned bytes of a {@link SluiceSplit}; every version ever written stays readable.
 *
 * <ul>
 *   <li>{@value #VERSION_1}: a binlog split (the only split there was);
 *   <li>{@value #VERSION_2}: a kind byte, then a binlog split with its snapshot handover, or a
 *       snapshot chunk;
 *   <li>{@value #VERSION_3}: the same, and a snapshot chunk ends with the watermark of the read whose
 *       rows started to go out before a checkpoint (optional).
 *   <li>{@value #VERSION_4}: the same, and a binlog split ends with its prepared XA transactions:
 *       a count, then per transaction its XID, a count and its row changes (as {@link
 *       EventSerializer} writes events).
 * </ul>
 */
@Internal
public final class SluiceSplitSerializer implements SimpleVersionedSerializer<SluiceSplit> {
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int VERSION_4 = 4;
    public static final int CURRENT_VERSION = VERSION_4;

    private static final byte BINLOG = 0;
    private static final byte SNAPSHOT = 1;

    public static final SluiceSplitSerializer INSTANCE = new SluiceSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(SluiceSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SluiceSplit deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        SluiceSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException("split of version " + version + " has " + in.available() + " trailing bytes");
        }
        return split;
    }

    /** Writes a split in the current version. */
    public static void write(SluiceSplit split, DataOutputView out) throws IOException {
        if (split instanceof BinlogSplit b) {
            out.writeByte(BINLOG);
            writeBinlogV1(b, out);
            writeHandover(b.handover(), out);
            writePreparedXa(b.preparedXa(), out);
        } else if (split instanceof SnapshotSplit s) {
            out.writeByte(SNAPSHOT);
            EventSerializer.writeSchema(s.schema(), out);
            writeKeyColumns(s.key(), out);
            out.writeInt(s.index());
            writeKey(s.low(), out);
            writeKey(s.high(), out);
            writeOptionalPosition(s.highWatermark(), out);
            writeOptionalPosition(s.emittedAt(), out);
        }
    }

    /** Reads a split written in {@code version}. */
    public static SluiceSplit read(int version, DataInputView in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readBinlogV1(in, null);
            case VERSION_2:
            case VERSION_3:
            case VERSION_4:
                byte kind = in.readByte();
                if (kind == BINLOG) {
                    BinlogSplit b = readBinlogV1(in, null);
                    SnapshotHandover handover = readHandover(in);
                    Map<String, List<RowChange>> xa = version >= VERSION_4 ? readPreparedXa(in) : Map.of();
                    return new BinlogSplit(b.start(), b.stop(), b.schemas(), handover, xa);
                } else if (kind == SNAPSHOT) {
                    TableSchema schema = EventSerializer.readSchema(in);
                    KeyColumns key = readKeyColumns(in);
                    int index = in.readInt();
                    Object[] low = readKey(in);
                    Object[] high = readKey(in);
                    BinlogPosition highWatermark = readOptionalPosition(in);
                    BinlogPosition emittedAt = version >= VERSION_3 ? readOptionalPosition(in) : null;
                    return new SnapshotSplit(schema, key, index, low, high, highWatermark, emittedAt);
                }
                throw new IOException("corrupt split of version " + version + ": unknown kind " + kind);
            default:
                throw new IOException(
                        "unknown split version " + version + "; this Sluice reads versions 1 to " + CURRENT_VERSION);
        }
    }

    private static void writeBinlogV1(BinlogSplit split, DataOutputView out) throws IOException {
        writePosition(split.start(), out);
        writeOptionalPosition(split.stop(), out);
        out.writeInt(split.schemas().size());
        // sorted, so the same split always gives the same bytes
        for (TableSchema schema : new TreeMap<>(split.schemas()).values()) {
            EventSerializer.writeSchema(schema, out);
        }
    }

    private static BinlogSplit readBinlogV1(DataInputView in, SnapshotHandover handover) throws IOException {
        BinlogPosition start = readPosition(in);
        BinlogPosition stop = readOptionalPosition(in);
        int count = in.readInt();
        Map<TableId, TableSchema> schemas = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            TableSchema schema = EventSerializer.readSchema(in);
            schemas.put(schema.id(), schema);
        }
        return new BinlogSplit(start, stop, schemas, handover);
    }

    private static void writePreparedXa(Map<String, List<RowChange>> xa, DataOutputView out) throws IOException {
        out.writeInt(xa.size());
        for (Map.Entry<String, List<RowChange>> e : xa.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (RowChange row : e.getValue()) {
                EventSerializer.INSTANCE.serialize(row, out);
            }
        }
    }

    private static Map<String, List<RowChange>> readPreparedXa(DataInputView in) throws IOException {
        int count = in.readInt();
        Map<String, List<RowChange>> xa = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String xid = in.readUTF();
            int rows = in.readInt();
            List<RowChange> changes = new ArrayList<>(rows);
            for (int k = 0; k < rows; k++) {
                changes.add((RowChange) EventSerializer.INSTANCE.deserialize(in));
            }
            xa.put(xid, changes);
        }
        return xa;
    }

    private static void writeHandover(SnapshotHandover handover, DataOutputView out) throws IOException {
        out.writeBoolean(handover != null);
        if (handover == null) {
            return;
        }
        writePosition(handover.end(), out);
        out.writeInt(handover.tables().size());
        for (Map.Entry<TableId, TableWatermarks> e : new TreeMap<>(handover.tables()).entrySet()) {
            out.writeUTF(e.getKey().db());
            out.writeUTF(e.getKey().table());
            writeKeyColumns(e.getValue().key(), out);
            List<WatermarkRange> ranges = e.getValue().ranges();
            out.writeInt(ranges.size());
            for (WatermarkRange r : ranges) {
                writeKey(r.low(), out);
                writeKey(r.high(), out);
                writePosition(r.watermark(), out);
            }
        }
    }

    private static SnapshotHandover readHandover(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        BinlogPosition end = readPosition(in);
        int tables = in.readInt();
        Map<TableId, TableWatermarks> byTable = new HashMap<>(tables * 2);
        for (int t = 0; t < tables; t++) {
            TableId id = new TableId(in.readUTF(), in.readUTF());
            KeyColumns key = readKeyColumns(in);
            int count = in.readInt();
            List<WatermarkRange> ranges = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ranges.add(new WatermarkRange(readKey(in), readKey(in), readPosition(in)));
            }
            byTable.put(id, new TableWatermarks(key, ranges));
        }
        return new SnapshotHandover(end, byTable);
    }

    public static void writeKeyColumns(KeyColumns key, DataOutputView out) throws IOException {
        // the columns as a schema without a table: the event format already knows how to write them
        EventSerializer.writeSchema(new TableSchema(new TableId("", ""), key.columns(), List.of()), out);
        for (String collation : key.collations()) {
            out.writeUTF(collation);
        }
        out.writeBoolean(key.configured());
    }

    public static KeyColumns readKeyColumns(DataInputView in) throws IOException {
        List<Column> columns = EventSerializer.readSchema(in).columns();
        List<String> collations = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            collations.add(in.readUTF());
        }
        return new KeyColumns(columns, collations, in.readBoolean());
    }

    /** A chunk bound: null (unbounded), or the key's values. */
    public static void writeKey(Object[] key, DataOutputView out) throws IOException {
        if (key == null) {
            out.writeShort(-1);
            return;
        }
        out.writeShort(key.length);
        for (Object value : key) {
            EventSerializer.writeValue(value, out);
        }
    }

    public static Object[] readKey(DataInputView in) throws IOException {
        int length = in.readShort();
        if (length < 0) {
            return null;
        }
        Object[] key = new Object[length];
        for (int i = 0; i < length; i++) {
            key[i] = EventSerializer.readValue(in);
        }
        return key;
    }

    public static void writePosition(BinlogPosition p, DataOutputView out) throws IOException {
        out.writeUTF(p.file());
        out.writeLong(p.position());
        out.writeBoolean(p.gtidSet() != null);
        if (p.gtidSet() != null) {
            byte[] gtid = p.gtidSet().getBytes(StandardCharsets.UTF_8);
            out.writeInt(gtid.length);
            out.write(gtid);
        }
        out.writeLong(p.eventsToSkip());
        out.writeLong(p.rowsToSkip());
    }

    public static BinlogPosition readPosition(DataInputView in) throws IOException {
        String file = in.readUTF();
        long position = in.readLong();
        String gtid = null;
        if (in.readBoolean()) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            gtid = new String(bytes, StandardCharsets.UTF_8);
        }
        return new BinlogPosition(file, position, gtid, in.readLong(), in.readLong());
    }

    private static void writeOptionalPosition(BinlogPosition p, DataOutputView out) throws IOException {
        out.writeBoolean(p != null);
        if (p != null) {
            writePosition(p, out);
        }
    }

    private static BinlogPosition readOptionalPosition(DataInputView in) throws IOException {
        return in.readBoolean() ? readPosition(in) : null;
    }
}
