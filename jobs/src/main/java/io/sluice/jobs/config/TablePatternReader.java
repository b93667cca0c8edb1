package io.sluice.jobs.config;

import io.sluice.core.table.TablePattern;

import io.sluice.jobs.config.ParseContext.Value;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/** Reads {@code db.table} regexes and Canal-style comma-separated lists of them, compiling each. */
final class TablePatternReader {

    static final String ONE = "a Java regular expression on db.table, e.g. shop_\\d+\\.orders_\\d+";

    static final String LIST = "Java regular expressions on db.table, as a list or separated by commas, "
            + "e.g. \"shop_\\d+\\.orders_\\d+, shop\\.users\"";

    private TablePatternReader() {}

    /**
     * A list of patterns. Empty when absent or when any regex is invalid (each bad one is
     * reported), so that callers never work with half a list.
     */
    static Optional<List<TablePattern>> list(Block block, String key) {
        Optional<Node> node = block.node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        List<String> regexes = new ArrayList<>();
        if (node.get() instanceof ScalarNode) {
            block.scalar(key, LIST).ifPresent(v -> regexes.addAll(TablePattern.splitList(v.text())));
        } else {
            regexes.addAll(block.stringList(key, ONE));
        }
        if (regexes.isEmpty()) {
            block.error(key, "no table pattern given; expected " + LIST);
            return Optional.empty();
        }
        List<TablePattern> patterns = new ArrayList<>();
        boolean valid = true;
        for (String regex : regexes) {
            Optional<TablePattern> p = compile(block, block.position(key), key, regex);
            valid &= p.isPresent();
            p.ifPresent(patterns::add);
        }
        return valid ? Optional.of(patterns) : Optional.empty();
    }

    /** One pattern; when required and absent, reported as missing. */
    static Optional<TablePattern> single(Block block, String key, boolean required) {
        Optional<Value> v = required ? block.requiredScalar(key, ONE) : block.scalar(key, ONE);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get().text().isBlank()) {
            block.error(v.get().node(), key, "the value is empty; expected " + ONE);
            return Optional.empty();
        }
        return compile(block, v.get().position(), key, v.get().text().trim());
    }

    static Optional<TablePattern> compile(Block block, Position position, String key, String regex) {
        try {
            return Optional.of(TablePattern.compile(regex));
        } catch (PatternSyntaxException e) {
            String near = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
            block.context().error(position, block.path(key), "invalid regular expression '" + regex + "': "
                    + e.getDescription() + near + "; expected " + ONE);
            return Optional.empty();
        }
    }
}
