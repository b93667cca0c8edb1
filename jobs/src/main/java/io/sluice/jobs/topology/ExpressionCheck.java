package io.sluice.jobs.topology;

import io.sluice.jobs.config.ExpressionChecker;
import io.sluice.jobs.config.ExpressionKind;
import io.sluice.core.template.Template;
import io.sluice.transforms.expr.Expressions;

import org.apache.flink.annotation.Internal;

import java.util.Optional;

/**
 * The job validator's check of expressions and templates, by the code that will run them: a
 * {@code where}, group-by or measure compiles as a sandboxed transforms expression; a sink
 * template parses as the sinks' {@link Template}. A bad one is then a validation error with file,
 * line and column instead of a failure when the job starts.
 */
@Internal
final class ExpressionCheck implements ExpressionChecker {

    @Override
    public Optional<String> check(String expression, ExpressionKind kind) {
        if (kind == ExpressionKind.TEMPLATE) {
            String prefix = "invalid template '" + expression + "': ";
            return Template.problem(expression).map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p);
        }
        return Expressions.check(expression, io.sluice.transforms.expr.ExpressionKind.valueOf(kind.name()));
    }
}
