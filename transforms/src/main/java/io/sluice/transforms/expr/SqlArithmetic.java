package io.sluice.transforms.expr;

import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlOperator;

import java.math.MathContext;

/**
 * JEXL's strict arithmetic (no null-as-zero, no silent coercion of incompatible types) with
 * SQL's treatment of NULL: a comparison with null is false, arithmetic on null is null, and null
 * is false as a condition. {@code ==} and {@code !=} compare with null as usual, so
 * {@code x == null} works.
 */
final class SqlArithmetic extends JexlArithmetic {

    SqlArithmetic() {
        super(true, MathContext.DECIMAL128, Integer.MIN_VALUE);
    }

    private SqlArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new SqlArithmetic(strict, context, scale);
    }

    @Override
    public boolean isStrict(JexlOperator operator) {
        switch (operator) {
            case LT:
            case LTE:
            case GT:
            case GTE:
            case ADD:
            case SUBTRACT:
            case MULTIPLY:
            case DIVIDE:
            case MOD:
            case NEGATE:
            case CONDITION:
            case NOT:
                return false; // nulls reach the methods below, which apply SQL's rules
            default:
                return super.isStrict(operator);
        }
    }

    @Override
    public boolean lessThan(Object left, Object right) {
        return left != null && right != null && super.lessThan(left, right);
    }

    @Override
    public boolean lessThanOrEqual(Object left, Object right) {
        return left != null && right != null && super.lessThanOrEqual(left, right);
    }

    @Override
    public boolean greaterThan(Object left, Object right) {
        return left != null && right != null && super.greaterThan(left, right);
    }

    @Override
    public boolean greaterThanOrEqual(Object left, Object right) {
        return left != null && right != null && super.greaterThanOrEqual(left, right);
    }

    @Override
    public Object add(Object left, Object right) {
        return left == null || right == null ? null : super.add(left, right);
    }

    @Override
    public Object subtract(Object left, Object right) {
        return left == null || right == null ? null : super.subtract(left, right);
    }

    @Override
    public Object multiply(Object left, Object right) {
        return left == null || right == null ? null : super.multiply(left, right);
    }

    @Override
    public Object divide(Object left, Object right) {
        return left == null || right == null ? null : super.divide(left, right);
    }

    @Override
    public Object mod(Object left, Object right) {
        return left == null || right == null ? null : super.mod(left, right);
    }

    @Override
    public Object negate(Object value) {
        return value == null ? null : super.negate(value);
    }

    @Override
    public boolean toBoolean(Object value) {
        return value != null && super.toBoolean(value);
    }
}
