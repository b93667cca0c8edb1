package io.sluice.event;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for {@link Event} streams; it makes Flink use {@link EventSerializer}. */
@PublicEvolving
public final class EventTypeInfo extends TypeInformation<Event> {
    private static final long serialVersionUID = 1L;

    public static final EventTypeInfo INSTANCE = new EventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Event> getTypeClass() {
        return Event.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<Event> createSerializer(ExecutionConfig config) {
        return EventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SluiceEvent";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EventTypeInfo;
    }

    @Override
    public int hashCode() {
        return EventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EventTypeInfo;
    }
}
