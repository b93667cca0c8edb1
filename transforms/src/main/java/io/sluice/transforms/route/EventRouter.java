package io.sluice.transforms.route;

import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.MapFunction;

import java.util.List;

/** Applies the first route whose {@code from} matches an event; unmatched events pass unchanged. */
@Internal
final class EventRouter implements MapFunction<Event, Event> {
    private static final long serialVersionUID = 1L;

    private final List<CompiledRoute> routes;

    EventRouter(List<RouteSpec> specs) {
        this.routes = specs.stream().map(CompiledRoute::new).toList();
    }

    @Override
    public Event map(Event event) {
        for (CompiledRoute route : routes) {
            if (route.matches(event)) {
                return route.apply(event);
            }
        }
        return event;
    }
}
