package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.List;
import java.util.Optional;

/**
 * A value written either as a bare name ({@code restart: none}) or as a mapping whose only key is
 * the name and whose value holds the settings ({@code restart: {fixed-delay: {attempts: 3}}}).
 * The caller checks the settings' keys, which depend on the name.
 */
record Variant<E extends Enum<E> & ConfigName>(E kind, Block settings) {

    static <E extends Enum<E> & ConfigName> Optional<Variant<E>> read(
            Block parent, String key, E[] kinds, String what, String example) {
        Node node = parent.node(key).orElseThrow();
        ParseContext ctx = parent.context();
        String path = parent.path(key);
        String accepted = "one of " + Names.list(kinds) + ", or a mapping with one of them as its only key, e.g. "
                + example;
        if (node instanceof ScalarNode) {
            return parent.scalar(key, accepted).flatMap(v -> {
                Optional<E> kind = Names.match(v.text(), kinds);
                if (kind.isEmpty()) {
                    parent.error(v.node(), key, "unknown " + what + " " + v.quoted() + "; expected " + accepted);
                    return Optional.empty();
                }
                return Optional.of(new Variant<>(kind.get(), emptySettings(ctx, node, path + "." + kind.get())));
            });
        }
        List<NodeTuple> entries = node instanceof MappingNode ? ((MappingNode) node).getValue() : List.of();
        if (entries.size() != 1 || !(entries.get(0).getKeyNode() instanceof ScalarNode)) {
            ctx.error(node, path, "expected " + accepted + ", got " + ParseContext.describe(node)
                    + (entries.size() > 1 ? " with " + entries.size() + " keys" : ""));
            return Optional.empty();
        }
        ScalarNode name = (ScalarNode) entries.get(0).getKeyNode();
        Optional<E> kind = Names.match(name.getValue(), kinds);
        if (kind.isEmpty()) {
            ctx.error(name, path, "unknown " + what + " '" + name.getValue() + "'; expected " + accepted);
            return Optional.empty();
        }
        String settingsPath = path + "." + name.getValue();
        Node value = entries.get(0).getValueNode();
        Block settings = ParseContext.isNull(value)
                ? emptySettings(ctx, value, settingsPath)
                : Block.open(ctx, value, settingsPath, "a mapping of " + kind.get().configName() + " settings");
        return Optional.of(new Variant<>(kind.get(), settings));
    }

    private static Block emptySettings(ParseContext ctx, Node at, String path) {
        return Block.empty(ctx, path, Position.of(at));
    }
}
