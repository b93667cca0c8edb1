package io.sluice.transforms.join;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.TableId;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link JoinSpec} as a tree of numbered nodes: node 0 is the main table; each lookup and
 * child is a node with its parent, its slot in the parent's list of nested nodes, the parent's
 * columns that reference it and its own columns they match. Shared by every operator of the join.
 */
@Internal
final class JoinPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a node is to its parent. */
    enum Kind {
        MAIN,
        LOOKUP,
        CHILD
    }

    /** One table's place in the join. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;

        final int index;
        final Kind kind;
        final TableId table;
        final int parent;
        /** Position among the parent's nested nodes. */
        final int slot;
        /** The parent's columns referencing this node (empty for the main node). */
        final List<String> parentColumns;
        /** This table's columns they match: the node's key (empty for the main node: its primary key). */
        final List<String> joinColumns;
        /** Column to output name; empty: every column under its own name. */
        final Map<String, String> fields;
        /** The array name of a child. */
        final String as;
        final List<Integer> nested = new ArrayList<>();

        Node(int index, Kind kind, TableId table, int parent, int slot, Map<String, String> on,
                Map<String, String> fields, String as) {
            this.index = index;
            this.kind = kind;
            this.table = table;
            this.parent = parent;
            this.slot = slot;
            this.parentColumns = List.copyOf(on.keySet());
            this.joinColumns = List.copyOf(on.values());
            this.fields = new LinkedHashMap<>(fields);
            this.as = as;
        }

        String describe() {
            return (kind == Kind.MAIN ? "main table " : kind == Kind.LOOKUP ? "lookup " : "child ") + table;
        }
    }

    final String name;
    final TableId output;
    final JoinOutput mode;
    final Duration unreferencedTtl;
    final List<Node> nodes = new ArrayList<>();

    JoinPlan(JoinSpec spec) {
        this.name = spec.name();
        this.output = spec.outputTable();
        this.mode = spec.output();
        this.unreferencedTtl = spec.unreferencedTtl();
        Node main = add(Kind.MAIN, spec.main(), -1, Map.of(), Map.of(), null);
        for (LookupSpec lookup : spec.lookups()) {
            addLookup(lookup, main);
        }
        for (ChildSpec child : spec.children()) {
            Node node = add(Kind.CHILD, child.table(), main.index, child.on(), child.fields(), child.as());
            for (LookupSpec lookup : child.lookups()) {
                addLookup(lookup, node);
            }
        }
        checkExplicitNames(main);
        for (Node n : nodes) {
            if (n.kind == Kind.CHILD) {
                checkExplicitNames(n);
            }
        }
    }

    private void addLookup(LookupSpec spec, Node parent) {
        Node node = add(Kind.LOOKUP, spec.table(), parent.index, spec.on(), spec.fields(), null);
        for (LookupSpec nested : spec.lookups()) {
            addLookup(nested, node);
        }
    }

    private Node add(Kind kind, TableId table, int parent, Map<String, String> on, Map<String, String> fields, String as) {
        int slot = parent < 0 ? -1 : nodes.get(parent).nested.size();
        Node node = new Node(nodes.size(), kind, table, parent, slot, on, fields, as);
        nodes.add(node);
        if (parent >= 0) {
            nodes.get(parent).nested.add(node.index);
        }
        return node;
    }

    /** Output names given explicitly must not repeat within one document or one array element. */
    private void checkExplicitNames(Node top) {
        Set<String> seen = new HashSet<>();
        for (int n : top.nested) {
            Node node = nodes.get(n);
            if (node.kind == Kind.CHILD) {
                if (!seen.add(node.as)) {
                    throw new IllegalArgumentException("join " + name + ": field '" + node.as + "' of "
                            + node.describe() + " is already used; give each part its own output names");
                }
            } else {
                collectLookupNames(node, seen);
            }
        }
    }

    private void collectLookupNames(Node lookup, Set<String> seen) {
        for (String out : lookup.fields.values()) {
            if (!seen.add(out)) {
                throw new IllegalArgumentException("join " + name + ": field '" + out + "' of " + lookup.describe()
                        + " is already used; rename it, e.g. fields: {" + out + ": " + lookup.table.table() + "_"
                        + out + "}");
            }
        }
        for (int n : lookup.nested) {
            collectLookupNames(nodes.get(n), seen);
        }
    }

    Node node(int index) {
        return nodes.get(index);
    }

    Node main() {
        return nodes.get(0);
    }

    /** The nested node in a parent's slot. */
    Node nested(Node parent, int slot) {
        return nodes.get(parent.nested.get(slot));
    }

    /**
     * The columns a lookup contributes when it has no row: its explicit fields and those of its
     * nested lookups, all null (with an empty field list the names are unknown: none).
     */
    List<Column> absentColumns(Node lookup) {
        List<Column> columns = new ArrayList<>();
        lookup.fields.values().forEach(out -> columns.add(Column.of(out, ColumnType.STRING)));
        for (int n : lookup.nested) {
            columns.addAll(absentColumns(nodes.get(n)));
        }
        return columns;
    }
}
