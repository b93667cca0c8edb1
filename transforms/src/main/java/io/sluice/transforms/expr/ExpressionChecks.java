package io.sluice.transforms.expr;

import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.parser.ASTArguments;
import org.apache.commons.jexl3.parser.ASTArrayAccess;
import org.apache.commons.jexl3.parser.ASTFunctionNode;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTIdentifierAccess;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.ASTNamespaceIdentifier;
import org.apache.commons.jexl3.parser.JexlNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The static check of an expression: it parses with the sandbox's features, then walks the tree
 * and accepts only the node types of a side-effect-free expression over columns, literals,
 * operators and the functions of {@link ExpressionFunctions} with the right number of arguments.
 */
final class ExpressionChecks {

    /** Node types an expression may contain (simple class names of org.apache.commons.jexl3.parser). */
    private static final Set<String> ALLOWED = Set.of(
            "ASTJexlScript", "ASTReference", "ASTReferenceExpression", "ASTIdentifier",
            "ASTNumberLiteral", "ASTStringLiteral", "ASTTrueNode", "ASTFalseNode", "ASTNullLiteral",
            "ASTRegexLiteral", "ASTArrayLiteral", "ASTSetLiteral", "ASTMapLiteral", "ASTMapEntry",
            "ASTExtendedLiteral", "ASTRangeNode",
            "ASTAndNode", "ASTOrNode", "ASTNotNode", "ASTTernaryNode", "ASTNullpNode",
            "ASTEQNode", "ASTNENode", "ASTEQSNode", "ASTNESNode", "ASTLTNode", "ASTLENode", "ASTGTNode", "ASTGENode",
            "ASTERNode", "ASTNRNode", "ASTSWNode", "ASTNSWNode", "ASTEWNode", "ASTNEWNode",
            "ASTAddNode", "ASTSubNode", "ASTMulNode", "ASTDivNode", "ASTModNode",
            "ASTUnaryMinusNode", "ASTUnaryPlusNode",
            "ASTBitwiseAndNode", "ASTBitwiseOrNode", "ASTBitwiseXorNode", "ASTBitwiseComplNode",
            "ASTSizeFunction", "ASTEmptyFunction", "ASTFunctionNode", "ASTArguments");

    private ExpressionChecks() {}

    /** Empty if the expression is acceptable; otherwise one sentence saying what is wrong. */
    static Optional<String> check(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("the expression is empty");
        }
        Optional<String> unbalanced = balance(text);
        if (unbalanced.isPresent()) {
            return unbalanced;
        }
        JexlNode root;
        try {
            root = SandboxedEngine.INSTANCE.parseTree(text);
        } catch (JexlException e) {
            return Optional.of(describe(e));
        }
        if (root instanceof ASTJexlScript && root.jjtGetNumChildren() != 1) {
            return Optional.of("expected one expression, found " + root.jjtGetNumChildren()
                    + " statements; combine conditions with && or ||");
        }
        return walk(root);
    }

    /**
     * Quotes closed and (), [] nested, ignoring brackets inside string literals: checked before
     * JEXL parses, whose message for an unclosed bracket points at the end of the text, not at the
     * bracket.
     */
    private static Optional<String> balance(String text) {
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

    private static Optional<String> walk(JexlNode node) {
        if (node instanceof ASTIdentifierAccess || node instanceof ASTArrayAccess) {
            return Optional.of("property and index access (" + (node instanceof ASTArrayAccess ? "x[..]" : "x.name")
                    + ") is not allowed; expressions read the row's columns by name and call the functions "
                    + functionList());
        }
        String type = node.getClass().getSimpleName();
        if (!ALLOWED.contains(type)) {
            return Optional.of(friendlyName(type) + " is not allowed in expressions; expected columns, literals, "
                    + "operators and the functions " + functionList());
        }
        if (node instanceof ASTIdentifier id && id.getNamespace() != null) {
            return Optional.of("namespace '" + id.getNamespace() + ":' is not allowed; call the functions "
                    + functionList() + " without a prefix");
        }
        if (node instanceof ASTFunctionNode) {
            Optional<String> problem = function(node);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            Optional<String> problem = walk(node.jjtGetChild(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> function(JexlNode call) {
        JexlNode target = call.jjtGetChild(0);
        if (target instanceof ASTNamespaceIdentifier ns) {
            return Optional.of("namespace '" + ns.getNamespace() + ":' is not allowed; call the functions "
                    + functionList() + " without a prefix");
        }
        if (!(target instanceof ASTIdentifier id)) {
            return Optional.of("only named functions can be called: " + functionList());
        }
        int[] arity = ExpressionFunctions.ARITY.get(id.getName());
        if (arity == null) {
            return Optional.of("unknown function '" + id.getName() + "'; expected one of " + functionList());
        }
        int args = call.jjtGetNumChildren() > 1 && call.jjtGetChild(1) instanceof ASTArguments a
                ? a.jjtGetNumChildren() : 0;
        if (args < arity[0] || (arity[1] >= 0 && args > arity[1])) {
            String expected = arity[1] < 0 ? "at least " + arity[0]
                    : arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " or " + arity[1];
            return Optional.of("function '" + id.getName() + "' takes " + expected + " argument"
                    + (expected.equals("1") ? "" : "s") + ", got " + args);
        }
        return Optional.empty();
    }

    /** A JEXL parse or feature error as one sentence with the column in the expression. */
    static String describe(JexlException e) {
        JexlInfo info = e.getInfo();
        String where = info != null && info.getColumn() > 0
                ? "at " + (info.getLine() > 1 ? "line " + info.getLine() + ", " : "") + "column " + info.getColumn() + ": "
                : "";
        String message = e.getMessage();
        // JEXL prefixes its messages with "@line:column "; the position is already in 'where'.
        message = message.replaceFirst("^[^@]*@\\d+:\\d+\\s*", "");
        if (e instanceof JexlException.Feature) {
            return where + message + " (expressions cannot assign, loop, declare variables or functions, "
                    + "create objects or call methods; call the functions " + functionList() + ")";
        }
        return where + message;
    }

    static String functionList() {
        return String.join(", ", new TreeSet<>(ExpressionFunctions.ARITY.keySet()).stream()
                .map(f -> f + "()").toList());
    }

    private static String friendlyName(String astType) {
        switch (astType) {
            case "ASTJxltLiteral":
                return "a template string (`...`)";
            case "ASTQualifiedIdentifier":
                return "a qualified class name";
            case "ASTInstanceOf":
            case "ASTNotInstanceOf":
                return "instanceof";
            case "ASTConstructorNode":
                return "new(...)";
            case "ASTMethodNode":
                return "a method call";
            default:
                return "'" + astType.replaceFirst("^AST", "").replaceFirst("Node$", "") + "'";
        }
    }
}
