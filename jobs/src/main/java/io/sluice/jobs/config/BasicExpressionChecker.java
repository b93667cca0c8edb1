package io.sluice.jobs.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The checks {@link JobValidator} always runs, before any plugged-in checker: quotes are closed,
 * brackets balance, and template placeholders are closed and not empty. The transforms module
 * adds the real compilation through {@link ExpressionChecker}.
 */
final class BasicExpressionChecker implements ExpressionChecker {

    @Override
    public Optional<String> check(String expression, ExpressionKind kind) {
        if (expression.isBlank()) {
            return Optional.of("the expression is empty");
        }
        return kind == ExpressionKind.TEMPLATE ? checkTemplate(expression) : checkExpression(expression);
    }

    /** Quotes and (), [] nesting, ignoring brackets inside string literals. */
    private static Optional<String> checkExpression(String text) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(text, i);
                if (end < 0) {
                    return Optional.of("the string starting with " + c + " at offset " + i + " is not closed");
                }
                i = end;
            } else if (c == '(' || c == '[') {
                open.push(i);
            } else if (c == ')' || c == ']') {
                char expected = c == ')' ? '(' : '[';
                if (open.isEmpty() || text.charAt(open.peek()) != expected) {
                    return Optional.of("'" + c + "' at offset " + i + " has no matching '" + expected + "'");
                }
                open.pop();
            }
        }
        if (!open.isEmpty()) {
            return Optional.of("'" + text.charAt(open.peek()) + "' at offset " + open.peek() + " is not closed");
        }
        return Optional.empty();
    }

    /** Index of the quote that closes the one at {@code start} (a backslash escapes, a doubled quote too). */
    private static int closingQuote(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code {expression}} placeholders: closed, not nested, not empty, each a valid expression. */
    private static Optional<String> checkTemplate(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                return Optional.of("'}' at offset " + i + " has no matching '{'; placeholders are written {column}");
            }
            if (c != '{') {
                i++;
                continue;
            }
            int close = text.indexOf('}', i + 1);
            int nested = text.indexOf('{', i + 1);
            if (close < 0 || (nested >= 0 && nested < close)) {
                return Optional.of("the placeholder '{' at offset " + i + " is not closed; placeholders are written "
                        + "{column} or {expression}");
            }
            String inner = text.substring(i + 1, close);
            if (inner.isBlank()) {
                return Optional.of("the placeholder at offset " + i + " is empty; expected {column} or {expression}");
            }
            Optional<String> problem = checkExpression(inner);
            if (problem.isPresent()) {
                return Optional.of("in the placeholder {" + inner + "}: " + problem.get());
            }
            i = close + 1;
        }
        return Optional.empty();
    }
}
