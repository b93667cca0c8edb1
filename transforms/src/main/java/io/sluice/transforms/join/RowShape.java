package io.sluice.transforms.join;

import io.sluice.event.Column;
import io.sluice.event.RowChange;
import io.sluice.event.TableSchema;
import io.sluice.transforms.state.KeyCodec;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the rows of one table schema become {@link NodeRow}s of one join node: the positions of the
 * join, reference and field columns, resolved once per schema (schemas change only with DDL).
 */
@Internal
final class RowShape {
    private final JoinPlan.Node node;
    private final TableSchema schema;
    private final int[] joinIndexes;
    private final int[][] refIndexes;
    private final int[] fieldIndexes;
    private final List<Column> fieldColumns;

    RowShape(JoinPlan plan, JoinPlan.Node node, TableSchema schema) {
        this.node = node;
        this.schema = schema;
        if (!schema.hasKey()) {
            throw new IllegalArgumentException("join " + plan.name + ": table " + node.table + " has no primary key; "
                    + "give it one (source keys or a route's key), a join needs it to tell rows apart");
        }
        this.joinIndexes = indexes(plan, node.joinColumns, "the join columns (on)");
        this.refIndexes = new int[node.nested.size()][];
        for (int s = 0; s < node.nested.size(); s++) {
            JoinPlan.Node nested = plan.nested(node, s);
            refIndexes[s] = indexes(plan, nested.parentColumns, "the join columns (on) of " + nested.describe());
        }
        List<Column> columns = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        if (node.kind == JoinPlan.Kind.MAIN || node.fields.isEmpty()) {
            for (int i = 0; i < schema.size(); i++) {
                columns.add(schema.column(i));
                indexes.add(i);
            }
        } else {
            for (Map.Entry<String, String> f : node.fields.entrySet()) {
                int i = index(plan, f.getKey(), "fields");
                Column c = schema.column(i);
                columns.add(new Column(f.getValue(), c.type(), c.unsigned(), c.length(), c.scale(), c.charset(),
                        c.labels()));
                indexes.add(i);
            }
        }
        this.fieldColumns = List.copyOf(columns);
        this.fieldIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean fits(TableSchema other) {
        return schema.equals(other);
    }

    private int[] indexes(JoinPlan plan, List<String> names, String what) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(plan, names.get(i), what);
        }
        return out;
    }

    private int index(JoinPlan plan, String column, String what) {
        int i = schema.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("join " + plan.name + ": column '" + column + "' of " + what + " is not a "
                    + "column of " + node.table + "; its columns are " + schema.columnNames());
        }
        return i;
    }

    /** The node's key of an image (the primary key for the main table), or null if it has a null. */
    String route(Object[] image) {
        if (node.kind == JoinPlan.Kind.MAIN) {
            return KeyCodec.encode(RowChange.keyOf(schema, image));
        }
        return encodeOrNull(image, joinIndexes);
    }

    NodeRow row(Object[] image) {
        Object[] pkValues = RowChange.keyOf(schema, image);
        String[] refs = new String[refIndexes.length];
        for (int s = 0; s < refs.length; s++) {
            refs[s] = encodeOrNull(image, refIndexes[s]);
        }
        Object[] values = new Object[fieldIndexes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = image[fieldIndexes[i]];
        }
        List<String> keyColumns = node.kind == JoinPlan.Kind.MAIN ? schema.keyColumns() : List.of();
        return new NodeRow(KeyCodec.encode(pkValues), pkValues, refs, new Fragment(fieldColumns, values), keyColumns);
    }

    private static String encodeOrNull(Object[] image, int[] indexes) {
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            values[i] = image[indexes[i]];
            if (values[i] == null) {
                return null; // SQL: NULL matches nothing
            }
        }
        return KeyCodec.encode(values);
    }
}
