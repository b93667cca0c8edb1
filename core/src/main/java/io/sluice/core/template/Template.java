package io.sluice.core.template;

import io.sluice.event.Column;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.core.failure.PermanentFailureException;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sink template: text with placeholders filled from a row, such as {@code user:{id}},
 * {@code {db}:{table}:{id}}, {@code seller_daily_{seller_id % 4}} or
 * {@code orders-{created_at:yyyy.MM}}. A placeholder is exactly one of
 *
 * <ul>
 *   <li>{@code {column}}: the column's value as text ({@link TextValues});
 *   <li>{@code {column % N}}: an integer column's value modulo {@code N} (never negative);
 *   <li>{@code {column:pattern}}: a DATE, DATETIME or TIMESTAMP (UTC) column formatted with a
 *       {@link DateTimeFormatter} pattern.
 * </ul>
 *
 * <p>{@code {db}} and {@code {table}} name the event's (logical) table unless the table has a
 * column of that name. Column names match exactly, else ignoring case as MySQL does. This is not
 * an expression language: anything else in braces is rejected when the template is parsed.
 *
 * <p>Rendering caches the column positions of the last schema it saw, so one instance serves one
 * thread (each sink writer has its own copy).
 */
@PublicEvolving
public final class Template implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a placeholder may be, for error messages. */
    public static final String ACCEPTED = "{column}, {column % N} or {column:date-pattern}";

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern MODULO = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\s*%\\s*([0-9]+)");
    private static final Pattern DATE = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\s*:(.+)", Pattern.DOTALL);

    private static final int DB = -2;
    private static final int TABLE = -3;

    private final String text;
    private final List<Part> parts;

    private transient TableSchema lastSchema;
    private transient int[] lastIndexes;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the template, the offset and the accepted forms
     */
    public static Template parse(String text) {
        try {
            return new Template(text, parts(text));
        } catch (Invalid e) {
            throw new IllegalArgumentException("invalid template '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * What is wrong with a template, or empty when it parses: the job file validator's check, by
     * the same parser that renders, without the {@code invalid template '...': } that {@link
     * #parse} puts before it.
     */
    public static Optional<String> problem(String text) {
        try {
            parts(text);
            return Optional.empty();
        } catch (Invalid e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<Part> parts(String text) {
        if (text == null || text.isEmpty()) {
            throw new Invalid("the template is empty; expected text with " + ACCEPTED + " placeholders");
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw invalid("'}' at offset " + i + " has no matching '{'");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i + 1);
            int nested = text.indexOf('{', i + 1);
            if (close < 0 || nested >= 0 && nested < close) {
                throw new Invalid("the placeholder '{' at offset " + i + " is not closed; placeholders are written "
                        + "{column} or {expression}");
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(placeholder(text.substring(i + 1, close), i));
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return parts;
    }

    private static Part placeholder(String inner, int offset) {
        String trimmed = inner.trim();
        if (trimmed.isEmpty()) {
            throw invalid("the placeholder at offset " + offset + " is empty");
        }
        if (COLUMN.matcher(trimmed).matches()) {
            return new ColumnRef(trimmed);
        }
        Matcher modulo = MODULO.matcher(trimmed);
        if (modulo.matches()) {
            long divisor;
            try {
                divisor = Long.parseLong(modulo.group(2));
            } catch (NumberFormatException e) {
                divisor = 0;
            }
            if (divisor <= 0) {
                throw invalid("in {" + inner + "} the divisor must be a positive integer");
            }
            return new Modulo(modulo.group(1), divisor);
        }
        Matcher date = DATE.matcher(trimmed);
        if (date.matches()) {
            String pattern = date.group(2).trim();
            try {
                DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw invalid("in {" + inner + "} '" + pattern + "' is not a date pattern: " + e.getMessage());
            }
            return new DateFormat(date.group(1), pattern);
        }
        throw invalid("the placeholder {" + inner + "} at offset " + offset + " is not supported");
    }

    private static Invalid invalid(String problem) {
        return new Invalid(problem + "; placeholders are " + ACCEPTED);
    }

    /** A syntax problem, without the template's text. */
    private static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String problem) {
            super(problem);
        }
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** True when the template has no placeholders. */
    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The names in the placeholders, in order of appearance. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Placeholder p && !names.contains(p.name())) {
                names.add(p.name());
            }
        }
        return names;
    }

    /**
     * Fills the template from a row image.
     *
     * @throws PermanentFailureException when a placeholder names no column, its value is NULL, or
     *     the value does not fit the placeholder (a string for {@code % N}, a number for a date)
     */
    public String render(TableId table, TableSchema schema, Object[] image) {
        return render(table, schema, image, ANY_VALUE);
    }

    /** What a placeholder may put into a rendered name, for targets whose names have a syntax. */
    @FunctionalInterface
    public interface ValueRule extends Serializable {
        /** Empty when {@code value} may stand in the name; otherwise what is wrong and what is allowed. */
        Optional<String> problem(String value);
    }

    /** Every value may stand in the name (Redis keys, document ids). */
    public static final ValueRule ANY_VALUE = value -> Optional.empty();

    /**
     * Fills the template from a row image, checking each value a placeholder puts in (the table's
     * name for {@code {db}} and {@code {table}} too) against {@code rule}: a value cannot change
     * the name's structure, e.g. switch the database of a table name with a dot.
     *
     * @throws PermanentFailureException as {@link #render(TableId, TableSchema, Object[])}, and when
     *     a value breaks the rule
     */
    public String render(TableId table, TableSchema schema, Object[] image, ValueRule rule) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
            return l.text();
        }
        int[] indexes = indexes(table, schema);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part instanceof Literal l) {
                out.append(l.text());
                continue;
            }
            Placeholder p = (Placeholder) part;
            int index = indexes[i];
            if (index == DB) {
                out.append(checked(table.db(), p, table, rule));
                continue;
            }
            if (index == TABLE) {
                out.append(checked(table.table(), p, table, rule));
                continue;
            }
            Object value = image[index];
            Column column = schema.column(index);
            if (value == null) {
                throw new PermanentFailureException(
                        "column '" + column.name() + "' of " + table + " is NULL; the template '" + text
                                + "' needs a value");
            }
            out.append(checked(p.format(value, column, this, table), p, table, rule));
        }
        return out.toString();
    }

    private String checked(String value, Placeholder placeholder, TableId table, ValueRule rule) {
        if (rule == ANY_VALUE) {
            return value;
        }
        Optional<String> problem = rule.problem(value);
        if (problem.isPresent()) {
            throw new PermanentFailureException("the value '" + value + "' of {" + placeholder.name() + "} in the "
                    + "template '" + text + "' (a row of " + table + ") " + problem.get());
        }
        return value;
    }

    private int[] indexes(TableId table, TableSchema schema) {
        if (schema == lastSchema) {
            return lastIndexes;
        }
        int[] indexes = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Placeholder p) {
                indexes[i] = resolve(p.name(), table, schema);
            }
        }
        lastSchema = schema;
        lastIndexes = indexes;
        return indexes;
    }

    private int resolve(String name, TableId table, TableSchema schema) {
        int index = schema.indexOf(name);
        if (index >= 0) {
            return index;
        }
        for (int i = 0; i < schema.size(); i++) {
            if (schema.column(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        if (name.equals("db")) {
            return DB;
        }
        if (name.equals("table")) {
            return TABLE;
        }
        throw new PermanentFailureException(
                "the template '" + text + "' uses '" + name + "', which is not a column of " + table
                        + " (columns: " + schema.columnNames() + ") nor db or table");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private sealed interface Part extends Serializable permits Literal, Placeholder {}

    private record Literal(String text) implements Part {}

    private sealed interface Placeholder extends Part permits ColumnRef, Modulo, DateFormat {
        String name();

        String format(Object value, Column column, Template template, TableId table);
    }

    private record ColumnRef(String name) implements Placeholder {
        @Override
        public String format(Object value, Column column, Template template, TableId table) {
            return TextValues.text(value, column);
        }
    }

    private record Modulo(String name, long divisor) implements Placeholder {
        @Override
        public String format(Object value, Column column, Template template, TableId table) {
            if (value instanceof Long v) {
                return Long.toString(Math.floorMod(v, divisor));
            }
            BigInteger big = null;
            if (value instanceof BigInteger v) {
                big = v;
            } else if (value instanceof BigDecimal v) {
                try {
                    big = v.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    big = null;
                }
            }
            if (big == null) {
                throw new PermanentFailureException(
                        "{" + name + " % " + divisor + "} in the template '" + template.text
                                + "' needs an integer; column '" + column.name() + "' of " + table
                                + " holds " + TextValues.text(value, column));
            }
            return big.mod(BigInteger.valueOf(divisor)).toString();
        }
    }

    private static final class DateFormat implements Placeholder {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String pattern;
        private transient DateTimeFormatter formatter;

        DateFormat(String name, String pattern) {
            this.name = name;
            this.pattern = pattern;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String format(Object value, Column column, Template template, TableId table) {
            if (formatter == null) {
                formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
            }
            if (value instanceof TemporalAccessor temporal) {
                try {
                    return formatter.format(temporal);
                } catch (DateTimeException e) {
                    throw new PermanentFailureException(
                            "{" + name + ":" + pattern + "} in the template '" + template.text + "' cannot format "
                                    + TextValues.text(value, column) + " of column '" + column.name() + "': "
                                    + e.getMessage(), e);
                }
            }
            throw new PermanentFailureException(
                    "{" + name + ":" + pattern + "} in the template '" + template.text
                            + "' needs a DATE, DATETIME or TIMESTAMP; column '" + column.name() + "' of " + table
                            + " holds " + TextValues.text(value, column));
        }
    }
}
