package io.sluice.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Replaces {@code ${env:NAME}} with an environment variable ({@code ${env:NAME:-default}} when it
 * may be unset) and {@code ${file:/path}} with a file's content (without trailing line breaks)
 * inside scalar values; {@code $${} stands for a literal {@code ${}. Error messages name the
 * reference but never contain a resolved value.
 */
final class Substitution {

    static final String ACCEPTED = "${env:NAME}, ${env:NAME:-default} or ${file:/path} (write $${ for a literal ${)";

    /** A scalar's text after substitution, and whether anything was substituted. */
    record Result(String text, boolean substituted) {}

    private final Map<String, String> env;
    private final Path baseDir;

    /** @param baseDir where relative {@code ${file:...}} paths start: the job file's folder */
    Substitution(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    /** @throws IllegalArgumentException with a message safe to show (no resolved value) */
    Result apply(String text) {
        if (!text.contains("${")) {
            return new Result(text, false);
        }
        StringBuilder out = new StringBuilder();
        boolean substituted = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "unclosed '${' in the value; expected " + ACCEPTED);
                }
                out.append(resolve(text.substring(i, close + 1), text.substring(i + 2, close)));
                substituted = true;
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new Result(out.toString(), substituted);
    }

    private String resolve(String reference, String body) {
        if (body.startsWith("env:")) {
            String name = body.substring(4).trim();
            String fallback = null;
            int dash = name.indexOf(":-");
            if (dash >= 0) {
                fallback = name.substring(dash + 2);
                name = name.substring(0, dash).trim();
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + reference + "' names no variable; expected " + ACCEPTED);
            }
            String value = env.get(name);
            if (value == null && fallback != null) {
                return fallback;
            }
            if (value == null) {
                throw new IllegalArgumentException("environment variable '" + name + "' is not set (referenced as "
                        + reference + "); set it, or write the value here");
            }
            return value;
        }
        if (body.startsWith("file:")) {
            String name = body.substring(5).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + reference + "' names no file; expected " + ACCEPTED);
            }
            Path path = baseDir.resolve(name);
            try {
                return stripLineBreaks(Files.readString(path, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("cannot read " + reference + ": file " + path + " does not exist");
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + reference + ": " + e.getClass().getSimpleName()
                        + " on " + path);
            }
        }
        throw new IllegalArgumentException("unsupported reference '" + reference + "'; expected " + ACCEPTED);
    }

    private static String stripLineBreaks(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }
}
