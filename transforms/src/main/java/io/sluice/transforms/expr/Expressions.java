package io.sluice.transforms.expr;

import io.sluice.core.template.Template;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sluice's expression language: <a href="https://commons.apache.org/proper/commons-jexl/">JEXL</a>
 * expressions, compiled and sandboxed.
 *
 * <ul>
 *   <li>Variables are the row's columns by name, typed as {@link io.sluice.event.ColumnType}
 *       says: {@code amount > 100} compares a DECIMAL exactly, {@code status != 'DRAFT'} a string.
 *   <li>Operators: {@code == != < <= > >=}, {@code && || !} (or {@code and or not}),
 *       {@code + - * / %}, {@code a ? b : c}, {@code x ?? y}, {@code =~} (in a list, or regex
 *       match), {@code !~}, {@code =^} (starts with), {@code =$} (ends with), {@code empty(x)},
 *       {@code size(x)}; literals {@code 'text'}, {@code 12}, {@code 1.5}, {@code null},
 *       {@code ['a', 'b']}.
 *   <li>NULL follows SQL: a comparison with null is false, arithmetic on null is null, a null
 *       condition does not pass; {@code x == null} tests for null.
 *   <li>Functions: {@code date(x)} (DATE, DATETIME, TIMESTAMP in UTC, or ISO text to a DATE;
 *       {@code date(ts, 'Asia/Shanghai')} for another zone), {@code year month day},
 *       {@code lower upper trim length substr(s, start[, len]) concat(a, b, ...)},
 *       {@code coalesce(a, b, ...)}, {@code abs round(x[, scale])}, and {@code col('size')} for a
 *       column whose name JEXL reserves ({@code size}, {@code new}, {@code div}...).
 *   <li>Nothing else: no assignment, loops, local variables, lambdas, {@code new}, method calls,
 *       property access, pragmas or imports, and the sandbox lets introspection reach only the
 *       functions above, so an expression cannot touch Java classes, files or the network.
 * </ul>
 */
@PublicEvolving
public final class Expressions {

    private Expressions() {}

    /**
     * Checks an expression or a sink template as the code that runs it will read it: the job
     * validator's one check. Expressions compile here; templates parse with the sinks' {@link
     * Template}.
     *
     * @return empty if it compiles; otherwise what is wrong (with the column inside the expression
     *     where JEXL knows it) and what is accepted, in one sentence
     */
    public static Optional<String> check(String text, ExpressionKind kind) {
        if (kind == ExpressionKind.TEMPLATE) {
            return Template.problem(text);
        }
        return ExpressionChecks.check(text);
    }

    /**
     * Compiles an expression.
     *
     * @throws ExpressionException with the message {@link #check} would give
     */
    public static Expression compile(String text, ExpressionKind kind) {
        Optional<String> problem = check(text, kind);
        if (problem.isPresent()) {
            throw new ExpressionException("invalid expression '" + text + "': " + problem.get());
        }
        return new Expression(text, kind);
    }

    /** The functions expressions may call. */
    public static List<String> functions() {
        return List.copyOf(new TreeSet<>(ExpressionFunctions.ARITY.keySet()));
    }
}
