package io.sluice.transforms.join;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.transforms.state.ValueComparator;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds fragments: a row's own fields followed by what each nested node contributes for the key
 * the row references (lookup fields flattened, child arrays under their name). A referenced value
 * that has not arrived yet makes the result incomplete (null): nothing is emitted until it comes.
 */
@Internal
final class Assembler {

    /** The nested node values a row can see, by slot and referenced key; null if not arrived. */
    interface Results {
        Fragment get(int slot, String ref) throws Exception;
    }

    private final JoinPlan plan;
    private final JoinPlan.Node node;

    Assembler(JoinPlan plan, JoinPlan.Node node) {
        this.plan = plan;
        this.node = node;
    }

    /** A row with its nested values, or null if one has not arrived. */
    Fragment assemble(NodeRow row, Results results) throws Exception {
        List<Column> columns = new ArrayList<>(row.fields.columns);
        List<Object> values = new ArrayList<>(columns.size() + 8);
        Collections.addAll(values, row.fields.values);
        for (int s = 0; s < node.nested.size(); s++) {
            JoinPlan.Node nested = plan.nested(node, s);
            String ref = row.refs[s];
            Fragment f = ref == null ? Fragment.ABSENT : results.get(s, ref);
            if (f == null) {
                return null;
            }
            if (nested.kind == JoinPlan.Kind.CHILD) {
                add(columns, values, Column.of(nested.as, ColumnType.JSON), f.absent ? List.of() : f.values[0], nested);
            } else if (f.absent) {
                for (Column c : plan.absentColumns(nested)) {
                    add(columns, values, c, null, nested);
                }
            } else {
                for (int i = 0; i < f.columns.size(); i++) {
                    add(columns, values, f.columns.get(i), f.values[i], nested);
                }
            }
        }
        return new Fragment(List.copyOf(columns), values.toArray());
    }

    private void add(List<Column> columns, List<Object> values, Column column, Object value, JoinPlan.Node from) {
        for (Column c : columns) {
            if (c.name().equals(column.name())) {
                throw new IllegalStateException("join " + plan.name + ": field '" + column.name() + "' of "
                        + from.describe() + " collides with a field of the same name in the "
                        + (node.kind == JoinPlan.Kind.MAIN ? "document" : node.describe())
                        + "; list the lookup's fields with new names, e.g. fields: {" + column.name() + ": "
                        + from.table.table() + "_" + column.name() + "}");
            }
        }
        columns.add(column);
        values.add(value);
    }

    /**
     * The value of a lookup or child node for one key, from the rows stored at that key: a
     * lookup's first row by primary key (ABSENT without rows), a child's rows as an array of
     * element maps ordered by primary key. Null if a row's nested value has not arrived.
     */
    Fragment nodeValue(Iterable<NodeRow> stored, ResultsByRow byRow) throws Exception {
        List<NodeRow> rows = new ArrayList<>();
        stored.forEach(rows::add);
        rows.sort((a, b) -> ValueComparator.compareArrays(a.pkValues, b.pkValues));
        if (node.kind == JoinPlan.Kind.LOOKUP) {
            return rows.isEmpty() ? Fragment.ABSENT : assemble(rows.get(0), byRow.of(rows.get(0)));
        }
        List<Object> elements = new ArrayList<>(rows.size());
        for (NodeRow row : rows) {
            Fragment f = assemble(row, byRow.of(row));
            if (f == null) {
                return null;
            }
            Map<String, Object> element = new LinkedHashMap<>();
            for (int i = 0; i < f.columns.size(); i++) {
                element.put(f.columns.get(i).name(), f.values[i]);
            }
            elements.add(Collections.unmodifiableMap(element));
        }
        return new Fragment(List.of(Column.of(node.as, ColumnType.JSON)),
                new Object[] {Collections.unmodifiableList(elements)});
    }

    /** The nested results of one stored row. */
    interface ResultsByRow {
        Results of(NodeRow row);
    }
}
