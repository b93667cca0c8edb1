package io.sluice.transforms.filter;

import io.sluice.core.table.TableFilter;
import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.List;

/**
 * Canal's event filters on a stream of events: {@link #apply} runs the job's {@code filters}
 * blocks, {@link #tables} a table include/exclude list. Both are stateless and run with the
 * input's parallelism, so the changes of one row stay in order.
 */
@PublicEvolving
public final class Filters {

    private Filters() {}

    /**
     * Applies the filters in order: each one constrains the tables it matches, other tables pass.
     *
     * @param uidPrefix a stable prefix for the operator's uid, unique in the job
     * @throws io.sluice.transforms.expr.ExpressionException if a {@code where} does not compile
     * @throws IllegalArgumentException if a table regex is invalid
     */
    public static DataStream<Event> apply(DataStream<Event> events, List<FilterSpec> filters, String uidPrefix) {
        if (filters.isEmpty()) {
            return events;
        }
        return events.flatMap(new EventFilter(filters), EventTypeInfo.INSTANCE)
                .name("filters (" + filters.size() + ")")
                .uid(uidPrefix + "-filters")
                .setParallelism(events.getParallelism());
    }

    /** Keeps the events of the tables {@code matcher} matches (Canal's filter.regex / black.regex). */
    public static DataStream<Event> tables(DataStream<Event> events, TableFilter matcher, String uidPrefix) {
        return events.filter(e -> matcher.accepts(e.table()))
                .returns(EventTypeInfo.INSTANCE)
                .name("tables " + matcher)
                .uid(uidPrefix + "-tables")
                .setParallelism(events.getParallelism());
    }
}
