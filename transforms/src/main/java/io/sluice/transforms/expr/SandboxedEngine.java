package io.sluice.transforms.expr;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.internal.Engine;
import org.apache.commons.jexl3.parser.JexlNode;

import java.util.HashMap;
import java.util.Map;

/**
 * The one JEXL engine of Sluice: expressions only (no loops, assignments, local variables,
 * lambdas, {@code new}, method calls, pragmas, imports or annotations), strict about undefined
 * variables and failing loudly, with {@link SqlArithmetic}, {@link SandboxPermissions} and
 * {@link ExpressionFunctions} as the default namespace. It also exposes the parse tree, which
 * {@link ExpressionChecks} walks to reject what the features cannot (property access, unknown
 * functions).
 */
final class SandboxedEngine extends Engine {

    static final JexlFeatures FEATURES = new JexlFeatures()
            .loops(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .newInstance(false)
            .lambda(false)
            .thinArrow(false)
            .fatArrow(false)
            .localVar(false)
            .methodCall(false)
            .pragma(false)
            .pragmaAnywhere(false)
            .namespacePragma(false)
            .importPragma(false)
            .annotation(false)
            .register(false)
            .script(false);

    static final SandboxedEngine INSTANCE = new SandboxedEngine();

    private SandboxedEngine() {
        super(builder());
    }

    private static JexlBuilder builder() {
        Map<String, Object> namespaces = new HashMap<>();
        namespaces.put(null, ExpressionFunctions.class); // the default namespace: date(x), lower(x)...
        return new JexlBuilder()
                .features(FEATURES)
                .permissions(SandboxPermissions.INSTANCE)
                .namespaces(namespaces)
                .arithmetic(new SqlArithmetic())
                .strict(true)
                .safe(false)
                .silent(false)
                .antish(false)
                .debug(false)
                .cancellable(false)
                .cache(1024)
                .imports(java.util.List.of());
    }

    /** The parse tree of an expression; throws JEXL's parsing and feature exceptions. */
    JexlNode parseTree(String text) {
        return parse(createInfo(), FEATURES, text, null);
    }
}
