package io.sluice.jobs.config;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code joins} list, with nested lookups. */
final class JoinParser {

    static final List<String> JOIN_KEYS = List.of("name", "main", "lookups", "children", "output");
    static final List<String> LOOKUP_KEYS = List.of("table", "on", "fields", "lookups");
    static final List<String> CHILD_KEYS = List.of("table", "on", "as", "fields");

    /** Deeper nesting is almost surely a recursive YAML alias. */
    static final int MAX_LOOKUP_DEPTH = 8;

    private JoinParser() {}

    static List<JoinConfig> joins(Block top) {
        List<JoinConfig> joins = new ArrayList<>();
        List<Node> items = top.items("joins", "joins, each {name, main, lookups, children}");
        for (int i = 0; i < items.size(); i++) {
            String path = "joins[" + i + "]";
            Block j = Block.of(top.context(), items.get(i), path, JOIN_KEYS);
            String name = Selections.name(j, "name", "join");
            TableName main = Selections.tableName(j, "main");
            List<LookupConfig> lookups = lookups(j, 1);
            List<ChildConfig> children = children(j);
            JoinOutput output = j.choice("output", JoinOutput.values(), JoinOutput.FULL, "join output");
            JoinConfig join = new JoinConfig(name, main, lookups, children, output);
            top.context().locations.element(join, path);
            joins.add(join);
        }
        return joins;
    }

    private static List<LookupConfig> lookups(Block parent, int depth) {
        List<LookupConfig> lookups = new ArrayList<>();
        List<Node> items = parent.items("lookups", "lookups, each {table, on, fields}");
        if (depth > MAX_LOOKUP_DEPTH && !items.isEmpty()) {
            parent.error("lookups", "lookups are nested more than " + MAX_LOOKUP_DEPTH + " levels deep; "
                    + "expected a flatter join (is a YAML alias referring to itself?)");
            return lookups;
        }
        for (int i = 0; i < items.size(); i++) {
            String path = parent.path("lookups") + "[" + i + "]";
            Block l = Block.of(parent.context(), items.get(i), path, LOOKUP_KEYS);
            LookupConfig lookup = new LookupConfig(Selections.tableName(l, "table"), Selections.on(l),
                    Selections.fieldMapping(l, "fields"), lookups(l, depth + 1));
            parent.context().locations.element(lookup, path);
            lookups.add(lookup);
        }
        return lookups;
    }

    private static List<ChildConfig> children(Block join) {
        List<ChildConfig> children = new ArrayList<>();
        List<Node> items = join.items("children", "children, each {table, on, as, fields}");
        for (int i = 0; i < items.size(); i++) {
            String path = join.path("children") + "[" + i + "]";
            Block c = Block.of(join.context(), items.get(i), path, CHILD_KEYS);
            ChildConfig child = new ChildConfig(Selections.tableName(c, "table"), Selections.on(c),
                    Selections.name(c, "as", "field"), Selections.fieldMapping(c, "fields"));
            join.context().locations.element(child, path);
            children.add(child);
        }
        return children;
    }
}
