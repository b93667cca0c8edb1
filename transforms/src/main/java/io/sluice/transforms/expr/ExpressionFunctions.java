package io.sluice.transforms.expr;

import io.sluice.event.JsonText;

import org.apache.flink.annotation.Internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The functions expressions may call, JEXL's default namespace: the only class the sandbox lets
 * expressions reach. Every function returns null for a null argument, as SQL does (except
 * {@code coalesce}). The names and arities are listed in {@link #ARITY} for the static check.
 */
@Internal
public class ExpressionFunctions {

    /** Function name to {min, max} argument count (max -1: any). */
    static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("date", new int[] {1, 2}),
            Map.entry("year", new int[] {1, 1}),
            Map.entry("month", new int[] {1, 1}),
            Map.entry("day", new int[] {1, 1}),
            Map.entry("lower", new int[] {1, 1}),
            Map.entry("upper", new int[] {1, 1}),
            Map.entry("trim", new int[] {1, 1}),
            Map.entry("length", new int[] {1, 1}),
            Map.entry("substr", new int[] {2, 3}),
            Map.entry("concat", new int[] {1, -1}),
            Map.entry("coalesce", new int[] {1, -1}),
            Map.entry("abs", new int[] {1, 1}),
            Map.entry("round", new int[] {1, 2}),
            Map.entry("col", new int[] {1, 1}));

    ExpressionFunctions() {}

    /**
     * The calendar date of a DATE, DATETIME (as written), TIMESTAMP (in UTC) or ISO text
     * ({@code 2024-05-01} or {@code 2024-05-01T10:00:00}).
     */
    public static LocalDate date(Object value) {
        return date(value, "UTC");
    }

    /** As {@link #date(Object)}, with TIMESTAMPs taken in the given zone (e.g. {@code 'Asia/Shanghai'}). */
    public static LocalDate date(Object value, String zone) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof LocalDateTime dt) {
            return dt.toLocalDate();
        }
        if (value instanceof Instant instant) {
            ZoneId id = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
            return instant.atZone(id).toLocalDate();
        }
        if (value instanceof String text) {
            try {
                return text.length() > 10 ? LocalDateTime.parse(text).toLocalDate() : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("date('" + text + "'): not an ISO date such as 2024-05-01", e);
            }
        }
        throw new IllegalArgumentException("date() takes a DATE, DATETIME, TIMESTAMP or text, got "
                + value.getClass().getSimpleName());
    }

    public static Long year(Object value) {
        LocalDate d = date(value);
        return d == null ? null : (long) d.getYear();
    }

    public static Long month(Object value) {
        LocalDate d = date(value);
        return d == null ? null : (long) d.getMonthValue();
    }

    public static Long day(Object value) {
        LocalDate d = date(value);
        return d == null ? null : (long) d.getDayOfMonth();
    }

    public static String lower(Object value) {
        return value == null ? null : text(value).toLowerCase(Locale.ROOT);
    }

    public static String upper(Object value) {
        return value == null ? null : text(value).toUpperCase(Locale.ROOT);
    }

    public static String trim(Object value) {
        return value == null ? null : text(value).strip();
    }

    /** Length in characters. */
    public static Long length(Object value) {
        return value == null ? null : (long) text(value).codePointCount(0, text(value).length());
    }

    /** SQL's SUBSTRING: {@code start} counts from 1. */
    public static String substr(Object value, Number start) {
        return substr(value, start, null);
    }

    public static String substr(Object value, Number start, Number length) {
        if (value == null || start == null) {
            return null;
        }
        String s = text(value);
        int from = Math.max(0, start.intValue() - 1);
        if (from >= s.length()) {
            return "";
        }
        int to = length == null ? s.length() : (int) Math.min(s.length(), (long) from + Math.max(0, length.intValue()));
        return s.substring(from, to);
    }

    /** Joins the texts of the values; null if any is null (as MySQL's CONCAT). */
    public static String concat(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (v == null) {
                return null;
            }
            sb.append(text(v));
        }
        return sb.toString();
    }

    /** The first value that is not null. */
    public static Object coalesce(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public static Object abs(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.abs();
        }
        if (value instanceof BigInteger i) {
            return i.abs();
        }
        if (value instanceof Double || value instanceof Float) {
            return Math.abs(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return Math.abs(n.longValue());
        }
        throw new IllegalArgumentException("abs() takes a number, got " + value.getClass().getSimpleName());
    }

    public static Object round(Object value) {
        return round(value, 0);
    }

    /** Rounds half away from zero to {@code scale} decimals (as MySQL's ROUND on exact numbers). */
    public static Object round(Object value, Number scale) {
        if (value == null || scale == null) {
            return null;
        }
        int digits = scale.intValue();
        if (value instanceof BigDecimal d) {
            return d.setScale(digits, RoundingMode.HALF_UP);
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).setScale(digits, RoundingMode.HALF_UP).doubleValue();
        }
        if (value instanceof Number n) {
            return digits >= 0 ? n : new BigDecimal(n.toString()).setScale(digits, RoundingMode.HALF_UP).longValue();
        }
        throw new IllegalArgumentException("round() takes a number, got " + value.getClass().getSimpleName());
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof JsonText json) {
            return json.json();
        }
        return String.valueOf(value);
    }
}
