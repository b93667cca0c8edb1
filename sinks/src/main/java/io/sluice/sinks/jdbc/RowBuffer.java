package io.sluice.sinks.jdbc;

import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes buffered for the next batch, per target table and key. Only a key's last change is
 * kept: writes are absolute, so it alone decides what the target holds, and with one change per
 * key the upserts and deletes of a batch can run in any order.
 */
final class RowBuffer {
    private final Map<TargetTable, Target> targets = new LinkedHashMap<>();
    private int size;
    private int changes;
    private int records;

    /** One buffered change: an upsert of {@code image}, or a delete of its key. */
    record Pending(RowChange record, boolean delete, Object[] image) {}

    /** The changes of one target; all share the schema of the first, see {@link #fits}. */
    static final class Target {
        final TargetTable table;
        final TableSchema schema;
        /** The last change of each key, in the order the keys first came. */
        final Map<Key, Pending> rows = new LinkedHashMap<>();
        /** Every change, in the order they came (for targets with other unique keys). */
        final List<Pending> sequence = new ArrayList<>();

        Target(TargetTable table, TableSchema schema) {
            this.table = table;
            this.schema = schema;
        }
    }

    /** False when the target already holds changes of another schema: flush first. */
    boolean fits(TargetTable table, TableSchema schema) {
        Target t = targets.get(table);
        return t == null || t.schema == schema || t.schema.equals(schema);
    }

    void add(TargetTable table, RowChange record, boolean delete, Object[] image) {
        Target t = targets.computeIfAbsent(table, k -> new Target(k, record.schema()));
        Pending pending = new Pending(record, delete, image);
        t.sequence.add(pending);
        changes++;
        if (t.rows.put(new Key(RowChange.keyOf(record.schema(), image)), pending) == null) {
            size++;
        }
    }

    /** Counts a source record (one record may buffer two changes: a key change). */
    void countRecord() {
        records++;
    }

    Collection<Target> targets() {
        return targets.values();
    }

    /** Distinct (target, key) changes. */
    int size() {
        return size;
    }

    /** Every change buffered, repeated keys included. */
    int changes() {
        return changes;
    }

    int records() {
        return records;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        targets.clear();
        size = 0;
        changes = 0;
        records = 0;
    }

    /** Key values compared by content ({@code byte[]} included). */
    record Key(Object[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Values.equal(values, other.values);
        }

        @Override
        public int hashCode() {
            return Values.hash(values);
        }
    }
}
