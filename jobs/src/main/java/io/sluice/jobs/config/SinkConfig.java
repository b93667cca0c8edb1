package io.sluice.jobs.config;

import io.sluice.core.connector.SinkFactory;
import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code sinks}: its {@code type}'s factory, the keys every sink has, and the
 * type's own keys as its factory describes them. Every sink reads {@link #from()}: a table
 * ({@code db.table}, after routing), a join name or an aggregate name. The optional
 * {@link #name()} fixes the sink's operator uid, so sinks can be reordered without losing their
 * state in a savepoint.
 */
@PublicEvolving
public record SinkConfig(SinkFactory factory, Optional<String> name, String from, ErrorPolicy errorPolicy,
        ParsedOptions options) {

    public SinkConfig {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(options, "options");
    }

    /**
     * A sink built in code, of a type the class path provides.
     *
     * @param values the type's own keys, typed as its factory's options say
     * @throws IllegalArgumentException for an unknown type or key
     */
    public static SinkConfig of(String type, Optional<String> name, String from, ErrorPolicy errorPolicy,
            Map<String, ?> values) {
        SinkFactory factory = SinkRegistry.load().find(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown sink type '" + type + "'; expected one of: " + String.join(", ", SinkRegistry.load().types())));
        return new SinkConfig(factory, name, from, errorPolicy, ParsedOptions.of(factory.options(), values));
    }

    /** The {@code type} name. */
    public String type() {
        return factory.type();
    }

    /** Equal when of the same type with the same settings. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SinkConfig other && type().equals(other.type()) && name.equals(other.name)
                && from.equals(other.from) && errorPolicy.equals(other.errorPolicy) && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), name, from, errorPolicy, options);
    }

    @Override
    public String toString() {
        return "SinkConfig[type=" + type() + ", name=" + name + ", from=" + from + ", errorPolicy=" + errorPolicy
                + ", options=" + options + "]";
    }
}
