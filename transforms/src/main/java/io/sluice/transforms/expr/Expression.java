package io.sluice.transforms.expr;

import io.sluice.event.TableSchema;
import io.sluice.event.Values;

import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.JexlNode;
import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled, sandboxed expression over the columns of a row (see {@link Expressions} for the
 * language). Serializable as its text; the compiled form is rebuilt after deserialization.
 * Thread-safe.
 */
@PublicEvolving
public final class Expression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final ExpressionKind kind;
    private final String column;
    private transient JexlExpression compiled;

    Expression(String text, ExpressionKind kind) {
        this.text = Objects.requireNonNull(text, "text");
        this.kind = Objects.requireNonNull(kind, "kind");
        JexlNode tree = SandboxedEngine.INSTANCE.parseTree(text);
        this.column = tree instanceof ASTJexlScript && tree.jjtGetNumChildren() == 1
                        && tree.jjtGetChild(0) instanceof ASTIdentifier id && id.getNamespace() == null
                ? id.getName() : null;
    }

    public String text() {
        return text;
    }

    public ExpressionKind kind() {
        return kind;
    }

    /** The column name if the expression is just a column reference. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /**
     * Evaluates on one row image and returns a value of the types events carry (Long, BigDecimal,
     * String, LocalDate, ..., List and Map), or null.
     *
     * @throws ExpressionException naming the expression, the table and the cause
     */
    public Object evaluate(TableSchema schema, Object[] image) {
        Object result;
        try {
            result = compiled().evaluate(new RowContext(schema, image));
        } catch (JexlException | IllegalArgumentException | ArithmeticException | ClassCastException e) {
            throw failure(schema, e);
        }
        return toEventValue(result, schema);
    }

    /**
     * Evaluates a condition: true passes; false and null (SQL's unknown) do not.
     *
     * @throws ExpressionException if the result is not a condition, or evaluation fails
     */
    public boolean test(TableSchema schema, Object[] image) {
        Object result;
        try {
            result = compiled().evaluate(new RowContext(schema, image));
        } catch (JexlException | IllegalArgumentException | ArithmeticException | ClassCastException e) {
            throw failure(schema, e);
        }
        if (result == null) {
            return false;
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException("condition '" + text + "' on " + schema.id() + " returned "
                + result.getClass().getSimpleName() + " " + result + "; expected true or false (e.g. amount > 100)");
    }

    private ExpressionException failure(TableSchema schema, RuntimeException e) {
        // a function's own error (date('x'), col('nope')) says more than JEXL's wrapper
        Throwable inner = e instanceof JexlException && e.getCause() != null && !(e.getCause() instanceof JexlException)
                ? e.getCause() : null;
        String cause = inner != null ? inner.getMessage()
                : e instanceof JexlException je ? ExpressionChecks.describe(je) : e.getMessage();
        String hint = cause != null && (cause.contains("undefined variable") || cause.contains("is undefined"))
                ? "; the columns of " + schema.id() + " are " + schema.columnNames() : "";
        return new ExpressionException("expression '" + text + "' failed on a row of " + schema.id() + ": "
                + cause + hint, e);
    }

    private JexlExpression compiled() {
        JexlExpression c = compiled;
        if (c == null) {
            c = SandboxedEngine.INSTANCE.createExpression(text);
            compiled = c;
        }
        return c;
    }

    /** Brings a JEXL result to the value types of events (Integer to Long, arrays to lists...). */
    private Object toEventValue(Object value, TableSchema schema) {
        Object v = Values.normalize(value);
        if (v == null || v instanceof Long || v instanceof String || v instanceof BigDecimal
                || v instanceof Boolean || v instanceof Double || v instanceof Float || v instanceof LocalDate
                || v instanceof LocalDateTime || v instanceof Instant || v instanceof Duration
                || v instanceof BigInteger || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                list.add(toEventValue(Array.get(v, i), schema));
            }
            return Collections.unmodifiableList(list);
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>(c.size());
            for (Object element : c) {
                list.add(toEventValue(element, schema));
            }
            return Collections.unmodifiableList(list);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, x) -> map.put(String.valueOf(k), toEventValue(x, schema)));
            return Collections.unmodifiableMap(map);
        }
        throw new ExpressionException("expression '" + text + "' on " + schema.id() + " returned a "
                + v.getClass().getSimpleName() + ", which is not a column value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression other && text.equals(other.text) && kind == other.kind;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
