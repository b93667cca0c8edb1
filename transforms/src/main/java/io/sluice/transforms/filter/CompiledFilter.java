package io.sluice.transforms.filter;

import io.sluice.event.ColumnSelection;
import io.sluice.core.table.TableFilter;
import io.sluice.event.Column;
import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.SchemaChange;
import io.sluice.event.TableSchema;
import io.sluice.transforms.expr.Expression;
import io.sluice.transforms.expr.ExpressionKind;
import io.sluice.transforms.expr.Expressions;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One {@link FilterSpec}, compiled: applied to an event, it returns the event to pass on or null. */
@Internal
final class CompiledFilter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CACHED_SCHEMAS = 256;

    private final TableFilter tables;
    private final EnumSet<FilterOp> ops;
    private final Expression where;
    private final ColumnSelection columns;
    /** Input schema to projection; schemas are few and change only with DDL. */
    private transient Map<TableSchema, Projection> projections;

    CompiledFilter(FilterSpec spec) {
        this.tables = TableFilter.of(spec.table(), null);
        this.ops = EnumSet.copyOf(spec.ops());
        this.where = spec.where().map(w -> Expressions.compile(w, ExpressionKind.WHERE)).orElse(null);
        this.columns = spec.columns();
    }

    /** The event after this filter: itself, a narrowed or converted copy, or null if dropped. */
    Event apply(Event event) {
        if (!tables.accepts(event.table())) {
            return event;
        }
        if (event instanceof SchemaChange change) {
            if (!ops.contains(FilterOp.DDL)) {
                return null;
            }
            return change.schema() == null || columns.mode() == ColumnSelection.Mode.ALL ? change
                    : new SchemaChange(change.table(), change.ddl(), projection(change.schema()).schema, change.source());
        }
        RowChange row = (RowChange) event;
        RowChange passed = where == null ? row : applyWhere(row);
        if (passed == null || !ops.contains(FilterOp.of(passed.op()))) {
            return null;
        }
        if (columns.mode() == ColumnSelection.Mode.ALL) {
            return passed;
        }
        Projection p = projection(passed.schema());
        return p.identity ? passed : new RowChange(passed.op(), passed.table(), p.schema,
                p.apply(passed.before()), p.apply(passed.after()), passed.source());
    }

    private RowChange applyWhere(RowChange row) {
        TableSchema schema = row.schema();
        switch (row.op()) {
            case INSERT:
            case READ:
                return where.test(schema, row.after()) ? row : null;
            case DELETE:
                return where.test(schema, row.before()) ? row : null;
            default:
                boolean before = where.test(schema, row.before());
                boolean after = where.test(schema, row.after());
                if (before && after) {
                    return row;
                }
                if (before) {
                    return row.with(Op.DELETE, row.before(), null);
                }
                return after ? row.with(Op.INSERT, null, row.after()) : null;
        }
    }

    private Projection projection(TableSchema schema) {
        if (projections == null) {
            projections = new HashMap<>();
        }
        Projection p = projections.get(schema);
        if (p == null) {
            if (projections.size() >= MAX_CACHED_SCHEMAS) {
                projections.clear();
            }
            p = new Projection(schema, columns);
            projections.put(schema, p);
        }
        return p;
    }

    /** The kept columns of one schema: the selected ones and the key columns, in table order. */
    private static final class Projection {
        final TableSchema schema;
        final int[] kept;
        final boolean identity;

        Projection(TableSchema input, ColumnSelection selection) {
            List<Column> columns = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                Column c = input.column(i);
                if (selection.keeps(c.name()) || input.keyColumns().contains(c.name())) {
                    columns.add(c);
                    indexes.add(i);
                }
            }
            this.schema = new TableSchema(input.id(), columns, input.keyColumns());
            this.kept = indexes.stream().mapToInt(Integer::intValue).toArray();
            this.identity = kept.length == input.size();
        }

        Object[] apply(Object[] image) {
            if (image == null) {
                return null;
            }
            Object[] out = new Object[kept.length];
            for (int i = 0; i < kept.length; i++) {
                out[i] = image[kept[i]];
            }
            return out;
        }
    }
}
