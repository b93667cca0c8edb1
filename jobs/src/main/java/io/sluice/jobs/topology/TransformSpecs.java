package io.sluice.jobs.topology;

import io.sluice.event.TableId;
import io.sluice.jobs.config.AggregateConfig;
import io.sluice.jobs.config.ChangeOp;
import io.sluice.event.ColumnSelection;
import io.sluice.jobs.config.Expr;
import io.sluice.jobs.config.FilterConfig;
import io.sluice.jobs.config.JoinConfig;
import io.sluice.jobs.config.LookupConfig;
import io.sluice.jobs.config.Measure;
import io.sluice.jobs.config.RouteConfig;
import io.sluice.jobs.config.TableName;
import io.sluice.transforms.aggregate.AggFunction;
import io.sluice.transforms.aggregate.AggregateSpec;
import io.sluice.transforms.aggregate.MeasureSpec;
import io.sluice.transforms.filter.FilterOp;
import io.sluice.transforms.filter.FilterSpec;
import io.sluice.transforms.join.ChildSpec;
import io.sluice.transforms.join.JoinOutput;
import io.sluice.transforms.join.JoinSpec;
import io.sluice.transforms.join.LookupSpec;
import io.sluice.transforms.route.RouteSpec;

import org.apache.flink.annotation.Internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps the {@code filters}, {@code routes}, {@code joins} and {@code aggregates} blocks to the
 * transforms module's specs, and names the filter and route operators as the Flink UI shows them.
 */
@Internal
final class TransformSpecs {

    private TransformSpecs() {}

    static FilterSpec filter(FilterConfig filter) {
        Set<FilterOp> ops = EnumSet.noneOf(FilterOp.class);
        for (ChangeOp op : filter.ops()) {
            ops.add(FilterOp.valueOf(op.name()));
        }
        return new FilterSpec(filter.table().regex(), ops, filter.where().map(Expr::text), filter.columns());
    }

    static RouteSpec route(RouteConfig route) {
        return new RouteSpec(route.from().regex(), new TableId(route.to().database(), route.to().table()),
                route.key(), route.shardKey());
    }

    /** @throws IllegalArgumentException for an aggregate the transforms module cannot run, with the reason */
    static AggregateSpec aggregate(AggregateConfig aggregate) {
        Map<String, String> groupBy = new LinkedHashMap<>();
        aggregate.groupBy().forEach((name, expr) -> groupBy.put(name, expr.text()));
        Map<String, MeasureSpec> measures = new LinkedHashMap<>();
        aggregate.measures().forEach((name, measure) -> measures.put(name, measure(measure)));
        return new AggregateSpec(aggregate.name(), aggregate.from(), groupBy, measures, aggregate.truncate());
    }

    private static MeasureSpec measure(Measure measure) {
        return new MeasureSpec(AggFunction.valueOf(measure.function().name()), measure.argument().map(Expr::text));
    }

    /** @throws IllegalArgumentException for a join the transforms module cannot run, with the reason */
    static JoinSpec join(JoinConfig join) {
        return new JoinSpec(join.name(), tableId(join.main()), lookups(join.lookups()),
                join.children().stream().map(c -> new ChildSpec(tableId(c.table()), c.on(), c.as(), c.fields()))
                        .toList(),
                JoinOutput.valueOf(join.output().name()));
    }

    private static List<LookupSpec> lookups(List<LookupConfig> lookups) {
        return lookups.stream()
                .map(l -> new LookupSpec(tableId(l.table()), l.on(), l.fields(), lookups(l.lookups())))
                .toList();
    }

    /** Every table a join reads: its main table, lookups (nested too) and children, in order. */
    static List<String> joinTables(JoinConfig join) {
        Set<String> tables = new LinkedHashSet<>();
        tables.add(join.main().toString());
        addLookupTables(join.lookups(), tables);
        join.children().forEach(c -> tables.add(c.table().toString()));
        return List.copyOf(tables);
    }

    private static void addLookupTables(List<LookupConfig> lookups, Set<String> tables) {
        for (LookupConfig lookup : lookups) {
            tables.add(lookup.table().toString());
            addLookupTables(lookup.lookups(), tables);
        }
    }

    private static TableId tableId(TableName table) {
        return new TableId(table.database(), table.table());
    }

    /** {@code filter: shop_\d+\.orders_\d+ [c, u, d] where status != 'DRAFT'; ...}. */
    static String filtersName(List<FilterConfig> filters) {
        return "filter: " + filters.stream().map(TransformSpecs::describe).collect(Collectors.joining("; "));
    }

    private static String describe(FilterConfig filter) {
        StringBuilder out = new StringBuilder(filter.table().regex());
        if (!filter.ops().isEmpty() && filter.ops().size() < ChangeOp.values().length) {
            out.append(' ').append(filter.ops());
        }
        filter.where().ifPresent(w -> out.append(" where ").append(w.text()));
        if (filter.columns().mode() != ColumnSelection.Mode.ALL) {
            out.append(" columns ").append(filter.columns());
        }
        return out.toString();
    }

    /** {@code route: shop_\d+\.orders_\d+ -> shop.orders; ...}. */
    static String routesName(List<RouteConfig> routes) {
        return "route: " + routes.stream().map(r -> r.from().regex() + " -> " + r.to())
                .collect(Collectors.joining("; "));
    }
}
