package io.sluice.event;

import io.sluice.core.types.SerializerTypeInfo;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Type information for {@link Event} streams; it makes Flink use {@link EventSerializer}. */
@PublicEvolving
public final class EventTypeInfo {

    public static final TypeInformation<Event> INSTANCE =
            new SerializerTypeInfo<>(Event.class, EventSerializer.INSTANCE);

    private EventTypeInfo() {}
}
