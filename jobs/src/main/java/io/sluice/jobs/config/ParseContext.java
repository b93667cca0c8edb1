package io.sluice.jobs.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the block parsers of one job file share: the error list, the locations and substitution. */
final class ParseContext {

    /** A scalar after substitution. {@link #shown()} is what messages may quote. */
    record Value(String text, ScalarNode node, boolean substituted) {

        /** The text as written when it came from a substitution, so a resolved secret is never shown. */
        String shown() {
            return substituted ? node.getValue() : text;
        }

        String quoted() {
            return "'" + shown() + "'";
        }

        Position position() {
            return Position.of(node);
        }

        /** The position of the first character of the text, inside the quotes if any. */
        Expr toExpr() {
            Position p = position();
            DumperOptions.ScalarStyle style = node.getScalarStyle();
            boolean quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            return new Expr(text, p.line(), p.column() + (quoted ? 1 : 0));
        }
    }

    final Problems problems;
    final Locations locations;
    private final Substitution substitution;

    ParseContext(Problems problems, Locations locations, Substitution substitution) {
        this.problems = problems;
        this.locations = locations;
        this.substitution = substitution;
    }

    void error(Position position, String path, String message) {
        problems.add(position, path, message);
    }

    void error(Node node, String path, String message) {
        problems.add(Position.of(node), path, message);
    }

    /** A scalar's value with substitutions applied; empty (and an error) if substitution fails. */
    Optional<Value> value(ScalarNode node, String path) {
        try {
            Substitution.Result r = substitution.apply(node.getValue());
            return Optional.of(new Value(r.text(), node, r.substituted()));
        } catch (IllegalArgumentException e) {
            error(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    /** The items of a list, each recorded under {@code path[i]}; a non-list is an error. */
    List<Node> items(Node node, String path, String expected) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode)) {
            error(node, path, "expected a list of " + expected + ", got " + describe(node));
            return List.of();
        }
        List<Node> items = new ArrayList<>(((SequenceNode) node).getValue());
        for (int i = 0; i < items.size(); i++) {
            locations.put(path + "[" + i + "]", Position.of(items.get(i)));
        }
        return items;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** How a node looks, for "got ..." in messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "no value";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
