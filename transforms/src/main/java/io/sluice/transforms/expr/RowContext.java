package io.sluice.transforms.expr;

import io.sluice.event.JsonText;
import io.sluice.event.TableSchema;

import org.apache.commons.jexl3.JexlContext;

/**
 * The variables of an expression: the columns of one row image, read in place (no map is built
 * per row). JSON values are seen as their text. Read-only: the sandbox forbids assignments anyway.
 */
final class RowContext implements JexlContext, JexlContext.NamespaceResolver {
    private final TableSchema schema;
    private final Object[] image;

    RowContext(TableSchema schema, Object[] image) {
        this.schema = schema;
        this.image = image;
    }

    @Override
    public Object get(String name) {
        int index = schema.indexOf(name);
        if (index < 0) {
            return null;
        }
        Object value = image[index];
        return value instanceof JsonText json ? json.json() : value;
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("expressions cannot assign '" + name + "'");
    }

    @Override
    public boolean has(String name) {
        return schema.indexOf(name) >= 0;
    }

    /** The default namespace: the functions, with {@code col(name)} bound to this row. */
    @Override
    public Object resolveNamespace(String name) {
        return name == null ? new RowFunctions(this) : null;
    }

    /** A column by name, for names that are JEXL keywords ({@code size}, {@code new}...). */
    Object column(String name) {
        if (!has(name)) {
            throw new IllegalArgumentException("col('" + name + "'): no such column; the columns of " + schema.id()
                    + " are " + schema.columnNames());
        }
        return get(name);
    }
}
