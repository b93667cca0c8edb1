package io.sluice.source.enumerator;

import io.sluice.event.EventSerializer;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.core.table.TableFilter;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.KeyColumns;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SluiceSplitSerializer;
import io.sluice.source.split.SnapshotSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioned bytes of the enumerator state; splits inside keep their own version.
 *
 * <ul>
 *   <li>{@value #VERSION_1}: the binlog split (created, unassigned);
 *   <li>{@value #VERSION_2}: the same, then the snapshot's progress. Finished chunks are written as
 *       runs: a varint offset and length, the outer bounds (none for arithmetically cut tables,
 *       whose bounds follow from the chunk numbers; the low bound only when it differs from the
 *       previous run's high bound), and the watermark as an index into the table's list of binlog
 *       file names and varints.
 *   <li>{@value #VERSION_3}: the same, then the table patterns already captured ({@code tables},
 *       {@code exclude}), and in the snapshot's progress the binlog split that resumes after a
 *       snapshot of tables that appeared later.
 * </ul>
 */
@Internal
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int CURRENT_VERSION = VERSION_3;

    private static final byte LOW_UNBOUNDED = 0;
    private static final byte LOW_PREVIOUS_HIGH = 1;
    private static final byte LOW_GIVEN = 2;
    private static final byte COMPACT_LONG = 0;
    private static final byte COMPACT_VALUE = 1;

    public static final EnumeratorStateSerializer INSTANCE = new EnumeratorStateSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.created());
        out.writeBoolean(state.unassigned() != null);
        if (state.unassigned() != null) {
            writeSplit(state.unassigned(), out);
        }
        out.writeBoolean(state.snapshot() != null);
        if (state.snapshot() != null) {
            writeSnapshot(state.snapshot(), out);
            out.writeBoolean(state.snapshot().resume() != null);
            if (state.snapshot().resume() != null) {
                writeSplit(state.snapshot().resume(), out);
            }
        }
        out.writeBoolean(state.captured() != null);
        if (state.captured() != null) {
            out.writeUTF(state.captured().include());
            out.writeUTF(state.captured().exclude());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        EnumeratorState state;
        switch (version) {
            case VERSION_1: {
                boolean created = in.readBoolean();
                BinlogSplit split = in.readBoolean() ? (BinlogSplit) readSplit(in) : null;
                state = new EnumeratorState(split, created, null);
                break;
            }
            case VERSION_2: {
                boolean created = in.readBoolean();
                BinlogSplit split = in.readBoolean() ? (BinlogSplit) readSplit(in) : null;
                EnumeratorState.Snapshot snapshot = in.readBoolean() ? readSnapshot(in) : null;
                state = new EnumeratorState(split, created, snapshot);
                break;
            }
            case VERSION_3: {
                boolean created = in.readBoolean();
                BinlogSplit split = in.readBoolean() ? (BinlogSplit) readSplit(in) : null;
                EnumeratorState.Snapshot snapshot = null;
                if (in.readBoolean()) {
                    EnumeratorState.Snapshot s = readSnapshot(in);
                    BinlogSplit resume = in.readBoolean() ? (BinlogSplit) readSplit(in) : null;
                    snapshot = new EnumeratorState.Snapshot(s.stop(), s.unplanned(), s.tables(), s.returned(), resume);
                }
                TableFilter captured = in.readBoolean() ? TableFilter.of(in.readUTF(), in.readUTF()) : null;
                state = new EnumeratorState(split, created, snapshot, captured);
                break;
            }
            default:
                throw new IOException(
                        "unknown enumerator state version " + version + "; this Sluice reads versions 1 to "
                                + CURRENT_VERSION);
        }
        if (in.available() > 0) {
            throw new IOException("enumerator state has " + in.available() + " trailing bytes");
        }
        return state;
    }

    private static void writeSplit(SluiceSplit split, DataOutputView out) throws IOException {
        byte[] bytes = SluiceSplitSerializer.INSTANCE.serialize(split);
        out.writeInt(SluiceSplitSerializer.INSTANCE.getVersion());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static SluiceSplit readSplit(DataInputView in) throws IOException {
        int version = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return SluiceSplitSerializer.INSTANCE.deserialize(version, bytes);
    }

    private static void writeSnapshot(EnumeratorState.Snapshot s, DataOutputView out) throws IOException {
        out.writeBoolean(s.stop() != null);
        if (s.stop() != null) {
            SluiceSplitSerializer.writePosition(s.stop(), out);
        }
        out.writeInt(s.unplanned().size());
        for (TableId t : s.unplanned()) {
            out.writeUTF(t.db());
            out.writeUTF(t.table());
        }
        out.writeInt(s.tables().size());
        for (TableChunks t : s.tables()) {
            writeTable(t, out);
        }
        out.writeInt(s.returned().size());
        for (SnapshotSplit split : s.returned()) {
            writeSplit(split, out);
        }
    }

    private static EnumeratorState.Snapshot readSnapshot(DataInputView in) throws IOException {
        BinlogPosition stop = in.readBoolean() ? SluiceSplitSerializer.readPosition(in) : null;
        int unplannedCount = in.readInt();
        List<TableId> unplanned = new ArrayList<>(unplannedCount);
        for (int i = 0; i < unplannedCount; i++) {
            unplanned.add(new TableId(in.readUTF(), in.readUTF()));
        }
        int tableCount = in.readInt();
        List<TableChunks> tables = new ArrayList<>(tableCount);
        for (int i = 0; i < tableCount; i++) {
            tables.add(readTable(in));
        }
        int returnedCount = in.readInt();
        List<SnapshotSplit> returned = new ArrayList<>(returnedCount);
        for (int i = 0; i < returnedCount; i++) {
            returned.add((SnapshotSplit) readSplit(in));
        }
        return new EnumeratorState.Snapshot(stop, unplanned, tables, returned);
    }

    static void writeTable(TableChunks t, DataOutputView out) throws IOException {
        EventSerializer.writeSchema(t.schema, out);
        SluiceSplitSerializer.writeKeyColumns(t.key, out);
        out.writeBoolean(t.isEven());
        if (t.isEven()) {
            out.writeLong(t.evenMin);
            out.writeLong(t.evenMax);
            out.writeLong(t.evenStep);
        }
        out.writeLong(t.estimatedRows);
        out.writeInt(t.nextIndex);
        SluiceSplitSerializer.writeKey(t.nextLow, out);
        out.writeBoolean(t.exhausted);
        writeRuns(t, out);
    }

    static TableChunks readTable(DataInputView in) throws IOException {
        TableSchema schema = EventSerializer.readSchema(in);
        KeyColumns key = SluiceSplitSerializer.readKeyColumns(in);
        Long min = null;
        Long max = null;
        Long step = null;
        if (in.readBoolean()) {
            min = in.readLong();
            max = in.readLong();
            step = in.readLong();
        }
        long estimatedRows = in.readLong();
        int nextIndex = in.readInt();
        Object[] nextLow = SluiceSplitSerializer.readKey(in);
        boolean exhausted = in.readBoolean();
        TableChunks t = new TableChunks(schema, key, min, max, step, estimatedRows, new FinishedChunks(), nextIndex,
                nextLow, exhausted);
        readRuns(t, in);
        return t;
    }

    private static void writeRuns(TableChunks t, DataOutputView out) throws IOException {
        List<FinishedChunks.Run> runs = t.finished.runs();
        List<String> files = new ArrayList<>();
        Map<String, Integer> fileIndex = new HashMap<>();
        for (FinishedChunks.Run run : runs) {
            if (fileIndex.putIfAbsent(run.watermark().file(), files.size()) == null) {
                files.add(run.watermark().file());
            }
        }
        writeVarint(files.size(), out);
        for (String file : files) {
            out.writeUTF(file);
        }
        writeVarint(runs.size(), out);
        int nextFirst = 0;
        Object[] previousHigh = null;
        for (FinishedChunks.Run run : runs) {
            writeVarint(run.first() - nextFirst, out);
            writeVarint(run.size() - 1L, out);
            if (!t.isEven()) {
                if (run.low() == null) {
                    out.writeByte(LOW_UNBOUNDED);
                } else if (run.first() == nextFirst && previousHigh != null
                        && io.sluice.event.Values.equal(run.low(), previousHigh)) {
                    out.writeByte(LOW_PREVIOUS_HIGH);
                } else {
                    out.writeByte(LOW_GIVEN);
                    writeCompactKey(run.low(), out);
                }
                writeCompactKey(run.high(), out);
            }
            BinlogPosition hw = run.watermark();
            writeVarint(fileIndex.get(hw.file()), out);
            writeVarint(hw.position(), out);
            writeVarint(hw.eventsToSkip(), out);
            writeVarint(hw.rowsToSkip(), out);
            nextFirst = run.last() + 1;
            previousHigh = run.high();
        }
    }

    private static void readRuns(TableChunks t, DataInputView in) throws IOException {
        int fileCount = (int) readVarint(in);
        List<String> files = new ArrayList<>(fileCount);
        for (int i = 0; i < fileCount; i++) {
            files.add(in.readUTF());
        }
        long runCount = readVarint(in);
        int nextFirst = 0;
        Object[] previousHigh = null;
        for (long r = 0; r < runCount; r++) {
            int first = nextFirst + (int) readVarint(in);
            int last = first + (int) readVarint(in);
            Object[] low;
            Object[] high;
            if (t.isEven()) {
                low = first == 0 ? null : ChunkPlanner.evenBoundary(t, first);
                high = ChunkPlanner.evenBoundary(t, last + 1);
            } else {
                byte lowKind = in.readByte();
                low = switch (lowKind) {
                    case LOW_UNBOUNDED -> null;
                    case LOW_PREVIOUS_HIGH -> previousHigh;
                    case LOW_GIVEN -> readCompactKey(in);
                    default -> throw new IOException("corrupt enumerator state: unknown bound kind " + lowKind);
                };
                high = readCompactKey(in);
            }
            String file = files.get((int) readVarint(in));
            BinlogPosition hw = new BinlogPosition(file, readVarint(in), null, readVarint(in), readVarint(in));
            t.finished.put(new FinishedChunks.Run(first, last, low, high, hw));
            nextFirst = last + 1;
            previousHigh = high;
        }
    }

    /** A run bound: its length + 1 (0: unbounded), then each value; integers as zigzag varints. */
    private static void writeCompactKey(Object[] key, DataOutputView out) throws IOException {
        if (key == null) {
            writeVarint(0, out);
            return;
        }
        writeVarint(key.length + 1L, out);
        for (Object v : key) {
            if (v instanceof Long l) {
                out.writeByte(COMPACT_LONG);
                writeVarint((l << 1) ^ (l >> 63), out);
            } else {
                out.writeByte(COMPACT_VALUE);
                EventSerializer.writeValue(v, out);
            }
        }
    }

    private static Object[] readCompactKey(DataInputView in) throws IOException {
        int length = (int) readVarint(in) - 1;
        if (length < 0) {
            return null;
        }
        Object[] key = new Object[length];
        for (int i = 0; i < length; i++) {
            byte kind = in.readByte();
            if (kind == COMPACT_LONG) {
                long z = readVarint(in);
                key[i] = (z >>> 1) ^ -(z & 1);
            } else if (kind == COMPACT_VALUE) {
                key[i] = EventSerializer.readValue(in);
            } else {
                throw new IOException("corrupt enumerator state: unknown key value kind " + kind);
            }
        }
        return key;
    }

    static void writeVarint(long v, DataOutputView out) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarint(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt enumerator state: varint longer than 64 bits");
    }
}
