package io.sluice.jobs.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as written in job files: bytes, or a whole number with {@code kb}, {@code mb} or {@code gb} (powers of 1024). */
final class ByteSizes {

    static final String ACCEPTED = "a number of bytes or a whole number with a unit kb, mb or gb (e.g. 5mb)";

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

    private ByteSizes() {}

    /** @throws IllegalArgumentException if the text is not of the accepted form */
    static long parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "'; expected " + ACCEPTED);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = unit.equals("kb") ? 10 : unit.equals("mb") ? 20 : unit.equals("gb") ? 30 : 0;
        try {
            long amount = Long.parseLong(m.group(1));
            if (amount > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return amount << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }
}
