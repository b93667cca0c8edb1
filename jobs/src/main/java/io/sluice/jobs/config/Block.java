package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;
import io.sluice.core.connector.Secret;

import io.sluice.jobs.config.ParseContext.Value;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML mapping of the job file being read, such as {@code source} or {@code sinks[1]}: typed
 * getters that report wrong types, missing keys and bad values with the key's path and line,
 * and a check that rejects keys the block does not know, listing the allowed ones.
 *
 * <p>A getter that fails reports the error and returns a default, so parsing goes on and every
 * problem of the file is found in one pass.
 */
final class Block {

    private final ParseContext ctx;
    private final String path;
    private final Position position;
    private final Map<String, NodeTuple> entries;
    /** True when the node was not a mapping: the error is reported, missing keys are not. */
    private final boolean broken;

    private Block(ParseContext ctx, String path, Position position, Map<String, NodeTuple> entries, boolean broken) {
        this.ctx = ctx;
        this.path = path;
        this.position = position;
        this.entries = entries;
        this.broken = broken;
    }

    /** Reads a mapping and rejects keys not in {@code allowed}. */
    static Block of(ParseContext ctx, Node node, String path, List<String> allowed) {
        Block block = open(ctx, node, path, allowed);
        block.allowOnly(allowed);
        return block;
    }

    /** A block with no keys, for a value written as a bare name with default settings. */
    static Block empty(ParseContext ctx, String path, Position position) {
        return new Block(ctx, path, position, new LinkedHashMap<>(), false);
    }

    /** Reads a mapping without checking its keys yet (see {@link #allowOnly}). */
    static Block open(ParseContext ctx, Node node, String path, List<String> expectedKeys) {
        return open(ctx, node, path, "a mapping with the keys " + String.join(", ", expectedKeys));
    }

    /** Reads a mapping of free keys; {@code expected} describes it when the node is something else. */
    static Block open(ParseContext ctx, Node node, String path, String expected) {
        if (!(node instanceof MappingNode)) {
            if (!ParseContext.isNull(node)) {
                ctx.error(node, path, "expected " + expected + ", got " + ParseContext.describe(node));
            }
            return new Block(ctx, path, Position.of(node), new LinkedHashMap<>(), !ParseContext.isNull(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node key = tuple.getKeyNode();
            if (key.getTag().equals(Tag.MERGE)) {
                collectMerged(tuple.getValueNode(), merged);
                continue;
            }
            if (!(key instanceof ScalarNode)) {
                ctx.error(key, path, "a key must be a plain name, got " + ParseContext.describe(key));
                continue;
            }
            String name = ((ScalarNode) key).getValue();
            NodeTuple first = entries.putIfAbsent(name, tuple);
            if (first != null) {
                ctx.error(key, join(path, name), "duplicate key '" + name + "' " + inBlock(path)
                        + " (first at line " + Position.of(first.getKeyNode()).line() + "); keep only one");
            } else {
                ctx.locations.put(join(path, name), Position.of(key));
            }
        }
        // "<<: *defaults": keys written in the mapping itself win over merged ones.
        for (NodeTuple tuple : merged) {
            if (tuple.getKeyNode() instanceof ScalarNode) {
                String name = ((ScalarNode) tuple.getKeyNode()).getValue();
                if (entries.putIfAbsent(name, tuple) == null) {
                    ctx.locations.put(join(path, name), Position.of(tuple.getKeyNode()));
                }
            }
        }
        return new Block(ctx, path, Position.of(node), entries, false);
    }

    private static void collectMerged(Node value, List<NodeTuple> out) {
        if (value instanceof MappingNode) {
            out.addAll(((MappingNode) value).getValue());
        } else if (value instanceof SequenceNode) {
            for (Node item : ((SequenceNode) value).getValue()) {
                collectMerged(item, out);
            }
        }
    }

    /** Reports every key not in {@code allowed}, listing the allowed keys. */
    void allowOnly(Collection<String> allowed) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String key = e.getKey();
            if (!allowed.contains(key)) {
                String hint = Names.closest(key, allowed).map(c -> " (did you mean '" + c + "'?)").orElse("");
                ctx.error(e.getValue().getKeyNode(), path(key), "unknown key '" + key + "' " + inBlock(path)
                        + hint + "; allowed keys: " + String.join(", ", allowed));
            }
        }
    }

    ParseContext context() {
        return ctx;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return join(path, key);
    }

    Position position() {
        return position;
    }

    Position position(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? position : Position.of(t.getKeyNode());
    }

    /** True if the key is present with a value other than null. */
    boolean has(String key) {
        return node(key).isPresent();
    }

    /** The key's value node; empty when absent or null. */
    Optional<Node> node(String key) {
        NodeTuple t = entries.get(key);
        if (t == null || ParseContext.isNull(t.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(t.getValueNode());
    }

    Iterable<String> keys() {
        return entries.keySet();
    }

    /** Reports a missing required key, naming what it should hold. */
    void missing(String key, String expected) {
        if (broken) {
            return;
        }
        NodeTuple t = entries.get(key);
        Position where = t == null ? position : Position.of(t.getKeyNode());
        String what = t == null ? "missing required key '" + key + "' " + inBlock(path)
                : "key '" + key + "' has no value";
        ctx.error(where, path(key), what + "; expected " + expected);
    }

    void error(String key, String message) {
        ctx.error(position(key), path(key), message);
    }

    void error(Node node, String key, String message) {
        ctx.error(node, path(key), message);
    }

    /** The scalar value of a key after substitution; a list or mapping is an error. */
    Optional<Value> scalar(String key, String expected) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof ScalarNode)) {
            error(node.get(), key, "expected " + expected + ", got " + ParseContext.describe(node.get()));
            return Optional.empty();
        }
        return ctx.value((ScalarNode) node.get(), path(key));
    }

    /** A required scalar; reports it missing (and returns empty) when absent. */
    Optional<Value> requiredScalar(String key, String expected) {
        if (!has(key)) {
            missing(key, expected);
            return Optional.empty();
        }
        return scalar(key, expected);
    }

    Optional<String> optionalString(String key, String expected) {
        return scalar(key, expected).map(Value::text);
    }

    /** A required non-blank string; {@code ""} after reporting the problem. */
    String requiredString(String key, String expected) {
        Optional<Value> v = requiredScalar(key, expected);
        if (v.isPresent() && v.get().text().isBlank()) {
            error(v.get().node(), key, "the value is empty; expected " + expected);
            return "";
        }
        return v.map(Value::text).orElse("");
    }

    int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    long longValue(String key, long defaultValue, long min, long max) {
        String expected = max >= Integer.MAX_VALUE ? "an integer of at least " + min
                : "an integer from " + min + " to " + max;
        Optional<Value> v = scalar(key, expected);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v.get().text().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            error(v.get().node(), key, "expected " + expected + ", got " + v.get().quoted());
            return defaultValue;
        }
        if (n < min || n > max) {
            error(v.get().node(), key, (v.get().substituted() ? "the value of " + v.get().quoted() : n)
                    + " is out of range; expected " + expected);
            return defaultValue;
        }
        return n;
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<Value> v = scalar(key, "true or false");
        if (v.isEmpty()) {
            return defaultValue;
        }
        switch (v.get().text().trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                error(v.get().node(), key, "expected true or false, got " + v.get().quoted());
                return defaultValue;
        }
    }

    Duration duration(String key, Duration defaultValue) {
        return optionalDuration(key).orElse(defaultValue);
    }

    /** A positive duration such as {@code 10s}. */
    Optional<Duration> optionalDuration(String key) {
        Optional<Value> v = scalar(key, "a duration, " + Durations.ACCEPTED);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(v.get().text());
            if (d.isZero()) {
                error(v.get().node(), key, "the duration must be longer than 0; expected " + Durations.ACCEPTED);
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            error(v.get().node(), key, "invalid duration " + v.get().quoted() + "; expected " + Durations.ACCEPTED);
            return Optional.empty();
        }
    }

    /** One of an enum's job-file names; case, {@code -} and {@code _} do not matter. */
    <E extends Enum<E> & ConfigName> E choice(String key, E[] values, E defaultValue, String what) {
        Optional<Value> v = scalar(key, "one of: " + Names.list(values));
        return v.map(value -> Names.match(value.text(), values).orElseGet(() -> {
            error(value.node(), key, "unknown " + what + " " + value.quoted() + "; expected one of: " + Names.list(values));
            return defaultValue;
        })).orElse(defaultValue);
    }

    Optional<Secret> secret(String key) {
        return scalar(key, "a string").map(v -> Secret.of(v.text()));
    }

    Optional<Expr> expr(String key, String expected) {
        Optional<Value> v = scalar(key, expected);
        if (v.isPresent() && v.get().text().isBlank()) {
            error(v.get().node(), key, "the expression is empty; expected " + expected);
            return Optional.empty();
        }
        return v.map(Value::toExpr);
    }

    /** A required expression; a blank placeholder after reporting the problem. */
    Expr requiredExpr(String key, String expected) {
        if (!has(key)) {
            missing(key, expected);
            return Expr.of("");
        }
        return expr(key, expected).orElse(Expr.of(""));
    }

    /** A list of strings, written as a YAML list or as one comma-separated string. */
    List<String> stringList(String key, String expected) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.get() instanceof ScalarNode) {
            ctx.value((ScalarNode) node.get(), path(key)).ifPresent(v -> {
                for (String item : v.text().split(",")) {
                    if (!item.isBlank()) {
                        out.add(item.trim());
                    }
                }
            });
            return out;
        }
        List<Node> items = ctx.items(node.get(), path(key), expected);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path(key) + "[" + i + "]";
            if (item instanceof ScalarNode && !ParseContext.isNull(item)) {
                ctx.value((ScalarNode) item, itemPath).ifPresent(v -> out.add(v.text().trim()));
            } else {
                ctx.error(item, itemPath, "expected " + expected + ", got " + ParseContext.describe(item));
            }
        }
        return out;
    }

    /**
     * A mapping of names to strings, in file order.
     *
     * @param expected what the whole mapping should be, e.g. "a mapping of column names to output names"
     * @param expectedValue what each value should be
     */
    Map<String, String> stringMap(String key, String expected, String expectedValue) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return out;
        }
        Block map = open(ctx, node.get(), path(key), expected);
        for (String k : map.keys()) {
            map.scalar(k, expectedValue).ifPresent(v -> out.put(k, v.text()));
        }
        return out;
    }

    /**
     * The nested block under a key, with its own allowed keys; empty when absent. Missing keys
     * of the nested block are reported at this key's line.
     */
    Optional<Block> block(String key, List<String> allowed) {
        return node(key).map(n -> {
            Block nested = of(ctx, n, path(key), allowed);
            return new Block(ctx, nested.path, position(key), nested.entries, nested.broken);
        });
    }

    /** The items of a list under a key; empty when absent. */
    List<Node> items(String key, String expected) {
        return node(key).map(n -> ctx.items(n, path(key), expected)).orElse(List.of());
    }

    /** "in block 'source'", or "at the top level". */
    static String inBlock(String path) {
        return path.isEmpty() ? "at the top level" : "in block '" + path + "'";
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
