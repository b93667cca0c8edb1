package io.sluice.core.key;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.event.Op;
import io.sluice.event.RowChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns an update that changes the primary key into a delete of the old key followed by an insert
 * of the new one, so that each half is routed by its own key; every other event passes unchanged.
 */
@Internal
public final class KeyChangeSplitter implements FlatMapFunction<Event, Event>, ResultTypeQueryable<Event> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Event event, Collector<Event> out) {
        if (event instanceof RowChange row && row.changesKey()) {
            out.collect(row.with(Op.DELETE, row.before(), null));
            out.collect(row.with(Op.INSERT, null, row.after()));
        } else {
            out.collect(event);
        }
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return EventTypeInfo.INSTANCE;
    }
}
