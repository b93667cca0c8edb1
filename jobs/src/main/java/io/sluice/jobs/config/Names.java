package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Name rules and spelling help for messages: allowed-value lists, "did you mean", identifiers. */
final class Names {

    /** Names of joins, aggregates and sinks: no dots, so they never look like {@code db.table}. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    static final String IDENTIFIER_RULE = "letters, digits, '_' and '-', starting with a letter or '_'";

    private Names() {}

    static <E extends Enum<E> & ConfigName> String list(E[] values) {
        return Arrays.stream(values).map(ConfigName::configName).collect(Collectors.joining(", "));
    }

    /** The constant whose job-file name is {@code text}, ignoring case and treating - and _ alike. */
    static <E extends Enum<E> & ConfigName> Optional<E> match(String text, E[] values) {
        String wanted = normalize(text);
        return Arrays.stream(values).filter(v -> normalize(v.configName()).equals(wanted)).findFirst();
    }

    /** The name among {@code names} that {@code text} spells, ignoring case and treating - and _ alike. */
    static Optional<String> match(String text, Collection<String> names) {
        String wanted = normalize(text);
        return names.stream().filter(n -> normalize(n).equals(wanted)).findFirst();
    }

    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    static boolean isIdentifier(String text) {
        return IDENTIFIER.matcher(text).matches();
    }

    /** The candidate closest to a misspelt name, if it is close enough to be a likely typo. */
    static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(2, name.length() / 3))
                ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
