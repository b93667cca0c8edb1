package io.sluice.jobs.config;

import io.sluice.event.ColumnSelection;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Readers shared by several blocks: column selections, column mappings, names and table names. */
final class Selections {

    static final List<String> COLUMNS_KEYS = List.of("include", "exclude");

    static final String TABLE_NAME_ACCEPTED = "a table name db.table, e.g. shop.orders";

    private Selections() {}

    /** {@code {include: [..]}}, {@code {exclude: [..]}}, or a plain list meaning include. */
    static ColumnSelection columns(Block block, String key) {
        Optional<Node> node = block.node(key);
        if (node.isEmpty()) {
            return ColumnSelection.ALL;
        }
        if (node.get() instanceof SequenceNode || node.get() instanceof ScalarNode) {
            return ColumnSelection.include(block.stringList(key, "a column name"));
        }
        Block sel = Block.of(block.context(), node.get(), block.path(key), COLUMNS_KEYS);
        if (sel.has("include") && sel.has("exclude")) {
            sel.error("exclude", "use either include or exclude, not both");
            return ColumnSelection.ALL;
        }
        if (sel.has("include")) {
            return ColumnSelection.include(sel.stringList("include", "a column name"));
        }
        if (sel.has("exclude")) {
            return ColumnSelection.exclude(sel.stringList("exclude", "a column name"));
        }
        block.error(key, "no columns selected; expected {include: [columns]} or {exclude: [columns]}");
        return ColumnSelection.ALL;
    }

    /**
     * A column mapping, {@code {column: output_name}}, or a list of columns kept under their own
     * names. Empty when absent.
     */
    static Map<String, String> fieldMapping(Block block, String key) {
        Optional<Node> node = block.node(key);
        if (node.isEmpty()) {
            return Map.of();
        }
        if (node.get() instanceof SequenceNode || node.get() instanceof ScalarNode) {
            Map<String, String> same = new LinkedHashMap<>();
            block.stringList(key, "a column name").forEach(c -> same.put(c, c));
            return same;
        }
        return block.stringMap(key, "a mapping of column names to output names, e.g. {name: buyer_name}, "
                + "or a list of column names", "an output field name");
    }

    /** A required join condition, {@code {parent_column: column}}. */
    static Map<String, String> on(Block block) {
        String accepted = "a mapping of the parent's columns to this table's columns, e.g. {user_id: id}";
        if (!block.has("on")) {
            block.missing("on", accepted);
            return Map.of();
        }
        Map<String, String> on = block.stringMap("on", accepted, "a column name");
        if (on.isEmpty()) {
            block.error("on", "no join columns given; expected " + accepted);
        }
        return on;
    }

    /** A required name of a join, aggregate or sink: an identifier. */
    static String name(Block block, String key, String what) {
        String expected = "a " + what + " name of " + Names.IDENTIFIER_RULE;
        String name = block.requiredString(key, expected);
        if (!name.isEmpty() && !Names.isIdentifier(name)) {
            block.error(key, "invalid " + what + " name '" + name + "'; expected " + Names.IDENTIFIER_RULE
                    + (name.contains(".") ? " (a name with a dot would read as db.table)" : ""));
        }
        return name;
    }

    /** A required literal {@code db.table}; a placeholder after reporting the problem. */
    static TableName tableName(Block block, String key) {
        String text = block.requiredString(key, TABLE_NAME_ACCEPTED);
        if (text.isEmpty()) {
            return new TableName("", "");
        }
        return TableName.parse(text.trim()).orElseGet(() -> {
            block.error(key, "invalid table name '" + text + "'; expected " + TABLE_NAME_ACCEPTED
                    + " (letters, digits, '_' and '$'; no pattern)");
            return new TableName("", "");
        });
    }
}
