package io.sluice.jobs.config;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.jobs.config.ParseContext.Value;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code aggregates} list; measures are split into function and argument here. */
final class AggregateParser {

    static final List<String> KEYS = List.of("name", "from", "group-by", "measures", "truncate");

    static final String FROM_ACCEPTED = "a table (db.table), a join name or an aggregate name";

    private static final Pattern MEASURE = Pattern.compile("\\s*([A-Za-z_]+)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

    private static final String MEASURE_ACCEPTED = "fn(expression) with fn one of: "
            + Names.list(AggregateFunction.values()) + " (e.g. sum(amount), count())";

    private AggregateParser() {}

    static List<AggregateConfig> aggregates(Block top) {
        List<AggregateConfig> aggregates = new ArrayList<>();
        List<Node> items = top.items("aggregates", "aggregates, each {name, from, group-by, measures}");
        for (int i = 0; i < items.size(); i++) {
            String path = "aggregates[" + i + "]";
            Block a = Block.of(top.context(), items.get(i), path, KEYS);
            String name = Selections.name(a, "name", "aggregate");
            String from = a.requiredString("from", FROM_ACCEPTED).trim();
            AggregateConfig aggregate = new AggregateConfig(name, from, groupBy(a), measures(a), truncate(a));
            top.context().locations.element(aggregate, path);
            aggregates.add(aggregate);
        }
        return aggregates;
    }

    /** {@code truncate: fail | ignore}: what a truncation or removal of the aggregate's table does. */
    private static TruncatePolicy truncate(Block a) {
        TruncatePolicy policy = a.choice("truncate", TruncatePolicy.values(), TruncatePolicy.FAIL, "truncate policy");
        if (policy == TruncatePolicy.DELETE) {
            a.error("truncate", "truncate: delete is not available for aggregates (their groups cannot yet take back"
                    + " a whole table's rows); expected fail or ignore");
            return TruncatePolicy.FAIL;
        }
        return policy;
    }

    /** {@code {output: expression}}, or a list of column names grouped under their own names. */
    private static Map<String, Expr> groupBy(Block a) {
        Map<String, Expr> groupBy = new LinkedHashMap<>();
        Optional<Node> node = a.node("group-by");
        if (node.isEmpty()) {
            return groupBy;
        }
        if (node.get() instanceof ScalarNode) {
            a.error(node.get(), "group-by", "expected a mapping of output names to expressions, e.g. "
                    + "{seller_id: seller_id, day: \"date(created_at)\"}, or a list of column names; got "
                    + ParseContext.describe(node.get()));
            return groupBy;
        }
        if (node.get() instanceof SequenceNode) {
            List<Node> items = a.items("group-by", "column names");
            for (int i = 0; i < items.size(); i++) {
                String itemPath = a.path("group-by") + "[" + i + "]";
                Node item = items.get(i);
                Optional<Value> v = item instanceof ScalarNode && !ParseContext.isNull(item)
                        ? a.context().value((ScalarNode) item, itemPath) : Optional.empty();
                if (v.isEmpty() || !Names.isIdentifier(v.get().text().trim())) {
                    a.context().error(item, itemPath, "expected a column name, got " + ParseContext.describe(item)
                            + "; to group by an expression, write group-by as a mapping {name: expression}");
                    continue;
                }
                groupBy.put(v.get().text().trim(), v.get().toExpr());
            }
            return groupBy;
        }
        Block map = Block.open(a.context(), node.get(), a.path("group-by"), "a mapping of output names to expressions");
        for (String name : map.keys()) {
            map.expr(name, "an expression on the row's columns, e.g. date(created_at)")
                    .ifPresent(e -> groupBy.put(name, e));
        }
        return groupBy;
    }

    private static Map<String, Measure> measures(Block a) {
        Map<String, Measure> measures = new LinkedHashMap<>();
        if (!a.has("measures")) {
            a.missing("measures", "a mapping of output names to " + MEASURE_ACCEPTED);
            return measures;
        }
        Node node = a.node("measures").orElseThrow();
        Block map = Block.open(a.context(), node, a.path("measures"), "a mapping of output names to "
                + MEASURE_ACCEPTED);
        for (String name : map.keys()) {
            map.scalar(name, MEASURE_ACCEPTED).flatMap(v -> measure(map, name, v))
                    .ifPresent(m -> measures.put(name, m));
        }
        if (node instanceof MappingNode && ((MappingNode) node).getValue().isEmpty()) {
            a.error("measures", "no measures given; expected a mapping of output names to " + MEASURE_ACCEPTED);
        }
        return measures;
    }

    private static Optional<Measure> measure(Block map, String name, Value v) {
        Matcher m = MEASURE.matcher(v.text());
        if (!m.matches()) {
            map.error(v.node(), name, "invalid measure " + v.quoted() + "; expected " + MEASURE_ACCEPTED);
            return Optional.empty();
        }
        Optional<AggregateFunction> fn = Names.match(m.group(1), AggregateFunction.values());
        if (fn.isEmpty()) {
            map.error(v.node(), name, "unknown function '" + m.group(1) + "' in measure " + v.quoted()
                    + "; expected one of: " + Names.list(AggregateFunction.values()));
            return Optional.empty();
        }
        String arg = m.group(2);
        String trimmed = arg.trim();
        if (fn.get() == AggregateFunction.COUNT && (trimmed.isEmpty() || trimmed.equals("*"))) {
            return Optional.of(new Measure(fn.get(), Optional.empty()));
        }
        if (trimmed.isEmpty()) {
            map.error(v.node(), name, fn.get().configName() + "() needs an argument; expected e.g. "
                    + fn.get().configName() + "(amount)");
            return Optional.empty();
        }
        Expr whole = v.toExpr();
        int offset = m.start(2) + (arg.length() - arg.stripLeading().length());
        return Optional.of(new Measure(fn.get(), Optional.of(new Expr(trimmed, whole.line(), whole.column() + offset))));
    }
}
