package io.sluice.transforms.aggregate;

import io.sluice.event.Column;
import io.sluice.event.ColumnType;
import io.sluice.event.Event;
import io.sluice.event.Op;
import io.sluice.event.RowChange;
import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.event.Values;
import io.sluice.transforms.state.ColumnTypes;
import io.sluice.transforms.state.KeyCodec;
import io.sluice.transforms.state.ValueComparator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Maintains one group per key: applies each contribution (retract, then add) to the group's
 * accumulator and multisets, and emits the group's absolute values when they changed: an insert
 * for a new group, an update (with the previous values as the before image), a delete when the
 * group's last row is retracted.
 *
 * <p>State per group: a {@link GroupAccumulator} (value state) and, for min, max and
 * count_distinct, a multiset in map state keyed {@code slot|encoded value} to the value and its
 * row count. Retracting the current min or max rescans only that group's multiset.
 */
@Internal
final class GroupAggregator extends KeyedProcessFunction<String, Contribution, Event> {
    private static final long serialVersionUID = 1L;

    /** Metric: retractions for a group that holds no rows (the input started after the row was inserted). */
    static final String RETRACTIONS_WITHOUT_GROUP = "retractionsWithoutGroup";

    private final AggregatePlan plan;
    private transient ValueState<GroupAccumulator> groups;
    private transient MapState<String, ValueCount> multisets;
    private transient Counter retractionsWithoutGroup;

    GroupAggregator(AggregatePlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(Configuration parameters) {
        groups = getRuntimeContext().getState(new ValueStateDescriptor<>("group", GroupAccumulator.Serializer.INSTANCE));
        multisets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("multiset", StringSerializer.INSTANCE, ValueCount.Serializer.INSTANCE));
        retractionsWithoutGroup = getRuntimeContext().getMetricGroup().counter(RETRACTIONS_WITHOUT_GROUP);
    }

    @Override
    public void processElement(Contribution c, Context ctx, Collector<Event> out) throws Exception {
        GroupAccumulator acc = groups.value();
        Object[] before = acc == null ? null : output(acc);
        if (c.retract() != null) {
            if (acc == null) {
                retractionsWithoutGroup.inc();
            } else {
                apply(acc, c.retract(), -1);
            }
        }
        if (c.add() != null) {
            if (acc == null) {
                acc = new GroupAccumulator(c.groupValues(), plan.measureCount(), plan.slotCount());
            }
            apply(acc, c.add(), +1);
        }
        Object[] after = null;
        if (acc != null && acc.rows > 0) {
            after = output(acc);
            groups.update(acc);
        } else {
            groups.clear();
            multisets.clear();
        }
        emit(c, before, after, out);
    }

    private void apply(GroupAccumulator acc, Object[] args, int sign) throws Exception {
        acc.rows += sign;
        boolean[] removedLast = new boolean[plan.slotCount()];
        Object[] slotValue = new Object[plan.slotCount()];
        for (int s = 0; s < plan.slotCount(); s++) {
            Object v = args[plan.slotArgument[s]];
            slotValue[s] = v;
            if (v == null) {
                continue;
            }
            String key = s + "|" + KeyCodec.encode(v);
            ValueCount entry = multisets.get(key);
            long count = entry == null ? 0 : entry.count();
            long next = count + sign;
            if (next <= 0) {
                if (entry != null) {
                    multisets.remove(key);
                    acc.distinct[s]--;
                    removedLast[s] = true;
                }
            } else {
                multisets.put(key, new ValueCount(entry == null ? v : entry.value(), next));
                if (count == 0) {
                    acc.distinct[s]++;
                }
            }
        }
        for (int m = 0; m < plan.measureCount(); m++) {
            int a = plan.argumentOf[m];
            Object v = a < 0 ? Boolean.TRUE : args[a];
            if (v == null) {
                continue;
            }
            acc.nonNull[m] += sign;
            switch (plan.functions.get(m)) {
                case SUM:
                case AVG:
                    accumulate(acc, m, v, sign);
                    break;
                case MIN:
                case MAX:
                    extreme(acc, m, v, sign, removedLast[plan.slotOf[m]]);
                    break;
                default:
                    break;
            }
        }
    }

    private void accumulate(GroupAccumulator acc, int m, Object v, int sign) {
        byte kind;
        BigDecimal d;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            kind = GroupAccumulator.KIND_INTEGER;
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger i) {
            kind = GroupAccumulator.KIND_INTEGER;
            d = new BigDecimal(i);
        } else if (v instanceof BigDecimal x) {
            kind = GroupAccumulator.KIND_DECIMAL;
            d = x;
        } else if (v instanceof Double || v instanceof Float) {
            kind = GroupAccumulator.KIND_FLOAT;
            d = new BigDecimal(((Number) v).doubleValue()); // exact: retractions cancel exactly
        } else if (v instanceof Boolean b) {
            kind = GroupAccumulator.KIND_INTEGER;
            d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else {
            throw new IllegalArgumentException("aggregate '" + plan.name + "': " + plan.functions.get(m).name().toLowerCase()
                    + "(" + plan.arguments.get(plan.argumentOf[m]) + ") needs numbers, got "
                    + v.getClass().getSimpleName() + " " + Values.toString(v));
        }
        BigDecimal sum = acc.sums[m] == null ? BigDecimal.ZERO : acc.sums[m];
        acc.sums[m] = sign > 0 ? sum.add(d) : sum.subtract(d);
        acc.sumKinds[m] = (byte) Math.max(acc.sumKinds[m], kind);
        if (acc.nonNull[m] == 0) {
            acc.sums[m] = null; // no values left: start again from exact zero
            acc.sumKinds[m] = GroupAccumulator.KIND_NONE;
        }
    }

    private void extreme(GroupAccumulator acc, int m, Object v, int sign, boolean removedLast) throws Exception {
        boolean min = plan.functions.get(m) == AggFunction.MIN;
        Object[] current = min ? acc.mins : acc.maxes;
        if (sign > 0) {
            int c = current[m] == null ? (min ? -1 : 1) : ValueComparator.INSTANCE.compare(v, current[m]);
            if (min ? c < 0 : c > 0) {
                current[m] = v;
            }
        } else if (removedLast && current[m] != null && ValueComparator.INSTANCE.compare(v, current[m]) == 0) {
            current[m] = rescan(plan.slotOf[m], min);
        }
    }

    /** The smallest or largest value left in a slot's multiset. */
    private Object rescan(int slot, boolean min) throws Exception {
        String prefix = slot + "|";
        Object best = null;
        Iterator<Map.Entry<String, ValueCount>> it = multisets.iterator();
        while (it.hasNext()) {
            Map.Entry<String, ValueCount> e = it.next();
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            Object v = e.getValue().value();
            if (best == null || (min ? ValueComparator.INSTANCE.compare(v, best) < 0
                    : ValueComparator.INSTANCE.compare(v, best) > 0)) {
                best = v;
            }
        }
        return best;
    }

    /** The group's output row: group values, then each measure. */
    private Object[] output(GroupAccumulator acc) {
        int groups = plan.groupNames.size();
        Object[] row = new Object[groups + plan.measureCount()];
        System.arraycopy(acc.groupValues, 0, row, 0, groups);
        for (int m = 0; m < plan.measureCount(); m++) {
            row[groups + m] = measure(acc, m);
        }
        return row;
    }

    private Object measure(GroupAccumulator acc, int m) {
        switch (plan.functions.get(m)) {
            case COUNT:
                return plan.argumentOf[m] < 0 ? acc.rows : acc.nonNull[m];
            case COUNT_DISTINCT:
                return acc.distinct[plan.slotOf[m]];
            case MIN:
                return acc.nonNull[m] == 0 ? null : acc.mins[m];
            case MAX:
                return acc.nonNull[m] == 0 ? null : acc.maxes[m];
            case SUM:
                return acc.nonNull[m] == 0 ? null : sum(acc.sums[m], acc.sumKinds[m]);
            case AVG:
                return acc.nonNull[m] == 0 ? null : average(acc.sums[m], acc.sumKinds[m], acc.nonNull[m]);
            default:
                throw new IllegalStateException("unknown function " + plan.functions.get(m));
        }
    }

    private static Object sum(BigDecimal sum, byte kind) {
        switch (kind) {
            case GroupAccumulator.KIND_INTEGER:
                return sum.toBigIntegerExact().bitLength() < 64 ? (Object) sum.longValueExact() : sum;
            case GroupAccumulator.KIND_FLOAT:
                return sum.doubleValue();
            default:
                return sum;
        }
    }

    private static Object average(BigDecimal sum, byte kind, long count) {
        if (kind == GroupAccumulator.KIND_FLOAT) {
            return sum.doubleValue() / count;
        }
        int scale = Math.max(0, sum.scale()) + 4; // as MySQL's div_precision_increment
        return sum.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
    }

    private void emit(Contribution c, Object[] before, Object[] after, Collector<Event> out) {
        if (before == null && after == null || before != null && after != null && Values.equal(before, after)) {
            return;
        }
        Object[] shape = after != null ? after : before;
        TableSchema schema = schema(new TableId(c.db(), plan.name), shape);
        Op op = before == null ? Op.INSERT : after == null ? Op.DELETE : Op.UPDATE;
        out.collect(new RowChange(op, schema.id(), schema, before, after, c.source()));
    }

    private TableSchema schema(TableId table, Object[] row) {
        List<Column> columns = new ArrayList<>(row.length);
        int groups = plan.groupNames.size();
        for (int i = 0; i < groups; i++) {
            columns.add(ColumnTypes.of(plan.groupNames.get(i), row[i], ColumnType.STRING));
        }
        for (int m = 0; m < plan.measureCount(); m++) {
            AggFunction f = plan.functions.get(m);
            ColumnType fallback = f == AggFunction.COUNT || f == AggFunction.COUNT_DISTINCT ? ColumnType.BIGINT
                    : f == AggFunction.SUM || f == AggFunction.AVG ? ColumnType.DECIMAL : ColumnType.STRING;
            columns.add(ColumnTypes.of(plan.measureNames.get(m), row[groups + m], fallback));
        }
        return new TableSchema(table, columns, plan.groupNames);
    }
}
