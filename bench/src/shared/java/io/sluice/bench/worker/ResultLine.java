package io.sluice.bench.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one line a worker JVM prints with what it measured, {@code BENCH-RESULT key=value ...},
 * found by the runner among the worker's log lines. Shared by the workers of both classpaths.
 */
public final class ResultLine {
    /** Marks the worker's result line among its log lines. */
    public static final String PREFIX = "BENCH-RESULT ";

    private ResultLine() {}

    /** Prints the line of {@code fields} and flushes. */
    public static void print(Map<String, ?> fields) {
        System.out.println(format(fields));
        System.out.flush();
    }

    /** The line of {@code fields}: keys without '=', values without spaces. */
    public static String format(Map<String, ?> fields) {
        StringBuilder line = new StringBuilder(PREFIX);
        fields.forEach((key, value) -> {
            String text = String.valueOf(value);
            if (text.isEmpty() || text.contains(" ") || key.contains("=")) {
                throw new IllegalArgumentException("a result field needs a key without '=' and a value without"
                        + " spaces, got " + key + "='" + text + "'");
            }
            line.append(key).append('=').append(text).append(' ');
        });
        return line.toString().trim();
    }

    /** The fields of a result line, in order. */
    public static Map<String, String> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a result line (expected '" + PREFIX + "...'): " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a result field is key=value, got '" + pair + "' in: " + line);
            }
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }
}
