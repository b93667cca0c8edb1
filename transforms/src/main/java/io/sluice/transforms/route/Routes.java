package io.sluice.transforms.route;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.event.TableId;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Canal's routing on a stream of events.
 *
 * <ul>
 *   <li>n:1 ({@link #apply}): the shards matching a route's {@code from} become one logical
 *       table; the physical table stays in {@link io.sluice.event.SourceInfo}, and with
 *       {@code shardKey} it is also added to the row and its key ({@code _db}, {@code _table}).
 *   <li>1:n: a DataStream feeds any number of consumers; {@link #select} picks the events of some
 *       logical tables for one of them (a sink, a join, an aggregate).
 * </ul>
 *
 * Both are stateless and keep the input's parallelism, so the changes of one row stay in order.
 */
@PublicEvolving
public final class Routes {

    private Routes() {}

    /** Renames the events of routed tables to their logical table; the first matching route wins. */
    public static DataStream<Event> apply(DataStream<Event> events, List<RouteSpec> routes, String uidPrefix) {
        if (routes.isEmpty()) {
            return events;
        }
        return events.map(new EventRouter(routes), EventTypeInfo.INSTANCE)
                .name("routes (" + routes.size() + ")")
                .uid(uidPrefix + "-routes")
                .setParallelism(events.getParallelism());
    }

    /** The events of the given (logical) tables. */
    public static DataStream<Event> select(DataStream<Event> events, Collection<TableId> tables, String uidPrefix) {
        Set<TableId> wanted = Set.copyOf(tables);
        return events.filter(e -> wanted.contains(e.table()))
                .returns(EventTypeInfo.INSTANCE)
                .name("select " + wanted)
                .uid(uidPrefix + "-select")
                .setParallelism(events.getParallelism());
    }
}
