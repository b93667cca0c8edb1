package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What flows from the source to the sinks: a {@link RowChange} or a {@link SchemaChange}.
 * Events are immutable; Flink serialises them with {@link EventSerializer}.
 */
@PublicEvolving
public sealed interface Event permits RowChange, SchemaChange {

    /** The (logical) table the event belongs to. */
    TableId table();

    SourceInfo source();
}
