package io.sluice.sinks.common;

import io.sluice.event.Event;
import io.sluice.event.RowChange;
import io.sluice.event.Values;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Keys a stream of events by (table, primary key) before a sink, so every change of one row is
 * written in order by one subtask. Rows of a table without a key are keyed by all their values;
 * schema changes by their table. The key is a hash: two rows may share a subtask, never the
 * reverse.
 */
@PublicEvolving
public final class RowKeys implements KeySelector<Event, Integer> {
    private static final long serialVersionUID = 1L;

    public static final RowKeys INSTANCE = new RowKeys();

    private RowKeys() {}

    /** {@code stream.keyBy(RowKeys)} with the key type given, so no generic types are needed. */
    public static KeyedStream<Event, Integer> keyByRow(DataStream<Event> stream) {
        return stream.keyBy(INSTANCE, Types.INT);
    }

    @Override
    public Integer getKey(Event event) {
        int h = event.table().hashCode();
        if (event instanceof RowChange row) {
            Object[] image = row.current();
            h = 31 * h + (row.schema().hasKey() ? Values.hash(RowChange.keyOf(row.schema(), image)) : Values.hash(image));
        }
        return h;
    }
}
