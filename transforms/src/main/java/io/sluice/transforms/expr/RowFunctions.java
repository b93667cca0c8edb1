package io.sluice.transforms.expr;

import org.apache.flink.annotation.Internal;

/**
 * The functions of one row's evaluation: those of {@link ExpressionFunctions} plus
 * {@code col(name)}, which reads a column whose name JEXL reserves ({@code col('size')}).
 */
@Internal
public final class RowFunctions extends ExpressionFunctions {
    private final RowContext row;

    RowFunctions(RowContext row) {
        this.row = row;
    }

    /** The value of the named column. */
    public Object col(String name) {
        return row.column(name);
    }
}
