package io.sluice.jobs.config;

import io.sluice.core.table.TablePattern;

import io.sluice.event.ColumnSelection;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code filters} and {@code routes} lists. */
final class FilterRouteParser {

    static final List<String> FILTER_KEYS = List.of("table", "ops", "where", "columns");
    static final List<String> ROUTE_KEYS = List.of("from", "to", "key", "shard-key");

    private FilterRouteParser() {}

    static List<FilterConfig> filters(Block top) {
        List<FilterConfig> filters = new ArrayList<>();
        List<Node> items = top.items("filters", "filters, each {table, ops, where, columns}");
        for (int i = 0; i < items.size(); i++) {
            String path = "filters[" + i + "]";
            Block f = Block.of(top.context(), items.get(i), path, FILTER_KEYS);
            Optional<TablePattern> table = TablePatternReader.single(f, "table", true);
            Set<ChangeOp> ops = ops(f);
            Optional<Expr> where = f.expr("where", "a condition on the row's columns, e.g. status != 'DRAFT'");
            ColumnSelection columns = Selections.columns(f, "columns");
            FilterConfig filter = new FilterConfig(table.orElse(TablePattern.compile("")), ops, where, columns);
            top.context().locations.element(filter, path);
            filters.add(filter);
        }
        return filters;
    }

    private static Set<ChangeOp> ops(Block f) {
        if (!f.has("ops")) {
            return EnumSet.allOf(ChangeOp.class);
        }
        String accepted = "a list of " + Names.list(ChangeOp.values()) + ", e.g. [c, u, d]";
        Set<ChangeOp> ops = EnumSet.noneOf(ChangeOp.class);
        for (String op : f.stringList("ops", accepted)) {
            Optional<ChangeOp> parsed = Names.match(op, ChangeOp.values());
            if (parsed.isEmpty()) {
                f.error("ops", "unknown operation '" + op + "'; expected one of: " + Names.list(ChangeOp.values()));
            }
            parsed.ifPresent(ops::add);
        }
        if (ops.isEmpty()) {
            f.error("ops", "no operations given; expected " + accepted);
            return EnumSet.allOf(ChangeOp.class);
        }
        return ops;
    }

    static List<RouteConfig> routes(Block top) {
        List<RouteConfig> routes = new ArrayList<>();
        List<Node> items = top.items("routes", "routes, each {from, to}");
        for (int i = 0; i < items.size(); i++) {
            String path = "routes[" + i + "]";
            Block r = Block.of(top.context(), items.get(i), path, ROUTE_KEYS);
            Optional<TablePattern> from = TablePatternReader.single(r, "from", true);
            TableName to = Selections.tableName(r, "to");
            List<String> key = r.stringList("key", "a column name");
            boolean shardKey = r.bool("shard-key", false);
            RouteConfig route = new RouteConfig(from.orElse(TablePattern.compile("")), to, key, shardKey);
            top.context().locations.element(route, path);
            routes.add(route);
        }
        return routes;
    }
}
