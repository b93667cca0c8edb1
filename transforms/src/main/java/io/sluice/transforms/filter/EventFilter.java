package io.sluice.transforms.filter;

import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/** Applies a list of compiled filters in order; an event dropped by one goes no further. */
@Internal
final class EventFilter implements FlatMapFunction<Event, Event> {
    private static final long serialVersionUID = 1L;

    private final List<CompiledFilter> filters;

    EventFilter(List<FilterSpec> specs) {
        this.filters = specs.stream().map(CompiledFilter::new).toList();
    }

    @Override
    public void flatMap(Event event, Collector<Event> out) {
        Event current = event;
        for (CompiledFilter filter : filters) {
            current = filter.apply(current);
            if (current == null) {
                return;
            }
        }
        out.collect(current);
    }
}
