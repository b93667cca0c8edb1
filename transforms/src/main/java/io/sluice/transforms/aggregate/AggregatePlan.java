package io.sluice.transforms.aggregate;

import io.sluice.core.connector.TruncatePolicy;
import io.sluice.transforms.expr.Expression;
import io.sluice.transforms.expr.ExpressionKind;
import io.sluice.transforms.expr.Expressions;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AggregateSpec} compiled for both operators: group-by expressions, the distinct
 * measure arguments (each evaluated once per image), and the multiset slots (one per distinct
 * argument of min, max and count_distinct, shared by measures on the same argument).
 */
@Internal
final class AggregatePlan implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    final String from;
    final List<String> groupNames;
    final List<Expression> groupBy;
    final List<String> measureNames;
    final List<AggFunction> functions;
    /** Distinct measure arguments. */
    final List<Expression> arguments;
    /** Per measure: its index in {@link #arguments}, or -1 for count(). */
    final int[] argumentOf;
    /** Per measure: its multiset slot, or -1. */
    final int[] slotOf;
    /** Per slot: its index in {@link #arguments}. */
    final int[] slotArgument;
    /** What a truncation or removal of the aggregate's table does. */
    final TruncatePolicy truncate;

    AggregatePlan(AggregateSpec spec) {
        this.name = spec.name();
        this.truncate = spec.truncate();
        this.from = spec.from();
        this.groupNames = List.copyOf(spec.groupBy().keySet());
        this.groupBy = spec.groupBy().values().stream().map(e -> Expressions.compile(e, ExpressionKind.GROUP_BY)).toList();
        this.measureNames = List.copyOf(spec.measures().keySet());
        this.functions = spec.measures().values().stream().map(MeasureSpec::function).toList();
        Map<String, Integer> argumentIndex = new LinkedHashMap<>();
        Map<Integer, Integer> slotIndex = new LinkedHashMap<>();
        List<MeasureSpec> measures = List.copyOf(spec.measures().values());
        this.argumentOf = new int[measures.size()];
        this.slotOf = new int[measures.size()];
        for (int i = 0; i < measures.size(); i++) {
            MeasureSpec m = measures.get(i);
            argumentOf[i] = m.argument().map(a -> argumentIndex.computeIfAbsent(a.trim(), k -> argumentIndex.size()))
                    .orElse(-1);
            boolean needsSlot = m.function() == AggFunction.MIN || m.function() == AggFunction.MAX
                    || m.function() == AggFunction.COUNT_DISTINCT;
            slotOf[i] = needsSlot ? slotIndex.computeIfAbsent(argumentOf[i], k -> slotIndex.size()) : -1;
        }
        List<Expression> args = new ArrayList<>();
        argumentIndex.keySet().forEach(a -> args.add(Expressions.compile(a, ExpressionKind.MEASURE)));
        this.arguments = List.copyOf(args);
        this.slotArgument = slotIndex.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    int measureCount() {
        return measureNames.size();
    }

    int slotCount() {
        return slotArgument.length;
    }
}
