package io.sluice.core.connector;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password or other credential. Its {@link #toString()} is always {@code ******}, so records
 * holding one can be printed and logged; only {@link #reveal()} gives the value, at the point
 * where a connection is opened.
 */
@PublicEvolving
public final class Secret {

    /** What {@link #toString()} prints instead of the value. */
    public static final String MASK = "******";

    /** A password given as a URL parameter ({@code ?password=...}) or as URL user info ({@code //user:pw@host}). */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*|(//[^/:@\\s]+:)[^/@\\s]*(@)");

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret value itself; never log or print it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * The text with every password it carries in a URL masked: {@code password=} parameters and
     * the password of {@code user:password@host}. For printing URLs and messages that quote them.
     */
    public static String maskUrlPasswords(String text) {
        Matcher m = URL_PASSWORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? m.group(1) + MASK : m.group(2) + MASK + m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && ((Secret) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
