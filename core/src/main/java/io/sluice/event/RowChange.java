package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * One changed row: its images before and after, typed by the table's schema (see {@link
 * ColumnType} for the Java type of each value). {@code before} is null for inserts and snapshot
 * reads, {@code after} is null for deletes. Treat the arrays as read-only: events are shared
 * between operators without copying.
 */
@PublicEvolving
public final class RowChange implements Event {
    private final Op op;
    private final TableId table;
    private final TableSchema schema;
    private final Object[] before;
    private final Object[] after;
    private final SourceInfo source;

    public RowChange(
            Op op, TableId table, TableSchema schema, Object[] before, Object[] after, SourceInfo source) {
        this.op = Objects.requireNonNull(op, "op");
        this.table = Objects.requireNonNull(table, "table");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.before = before;
        this.after = after;
        this.source = Objects.requireNonNull(source, "source");
        if ((op == Op.INSERT || op == Op.READ) && (after == null || before != null)
                || op == Op.UPDATE && (after == null || before == null)
                || op == Op.DELETE && (before == null || after != null)) {
            throw new IllegalArgumentException(
                    "a " + op + " has "
                            + (before == null ? "no" : "a") + " before image and "
                            + (after == null ? "no" : "an") + " after image");
        }
        checkWidth(before);
        checkWidth(after);
    }

    private void checkWidth(Object[] image) {
        if (image != null && image.length != schema.size()) {
            throw new IllegalArgumentException(
                    "row image of " + image.length + " values for " + schema.size()
                            + " columns of " + schema.id());
        }
    }

    public Op op() {
        return op;
    }

    @Override
    public TableId table() {
        return table;
    }

    public TableSchema schema() {
        return schema;
    }

    public Object[] before() {
        return before;
    }

    public Object[] after() {
        return after;
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    /** The image that identifies the row now: after, or before for a delete. */
    public Object[] current() {
        return after != null ? after : before;
    }

    /** A value of the current image by column name; throws for an unknown column. */
    public Object get(String column) {
        int index = schema.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "no column '" + column + "' in " + schema.id() + "; columns: " + schema.columnNames());
        }
        return current()[index];
    }

    /** The key values of an image, in key order. */
    public static Object[] keyOf(TableSchema schema, Object[] image) {
        int[] indexes = schema.keyIndexes();
        Object[] key = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            key[i] = image[indexes[i]];
        }
        return key;
    }

    /** True for an update whose key values differ between the images. */
    public boolean changesKey() {
        if (op != Op.UPDATE) {
            return false;
        }
        for (int index : schema.keyIndexes()) {
            if (!Values.equal(before[index], after[index])) {
                return true;
            }
        }
        return false;
    }

    /** The same change under another (logical) table name, keeping the physical one in source. */
    public RowChange withTable(TableId logical) {
        return new RowChange(op, logical, schema, before, after, source);
    }

    /** The same row with another op and images, e.g. an update split into delete and insert. */
    public RowChange with(Op newOp, Object[] newBefore, Object[] newAfter) {
        return new RowChange(newOp, table, schema, newBefore, newAfter, source);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof RowChange other
                        && op == other.op
                        && table.equals(other.table)
                        && schema.equals(other.schema)
                        && Values.equal(before, other.before)
                        && Values.equal(after, other.after)
                        && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, table, source) * 31 + Values.hash(current());
    }

    @Override
    public String toString() {
        return op.code() + " " + table + " before=" + Values.toString(before) + " after=" + Values.toString(after)
                + " @" + source.file() + ":" + source.position();
    }
}
