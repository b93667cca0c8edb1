package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.Secret;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The values of a connector's keys as read from its block of the job file (or given in code),
 * with what the file said: the text as written before substitution, and each template with its
 * line and column. Printing it never shows a secret, nor a password inside a URL.
 */
@PublicEvolving
public final class ParsedOptions implements Options {

    /** One key's value and how it was written; {@code value} is null when the written value was invalid. */
    record Entry(Object value, String written, boolean substituted, Optional<Expr> template) {}

    private final List<ConfigOption<?>> described;
    private final Map<String, Entry> entries;

    ParsedOptions(List<ConfigOption<?>> described, Map<String, Entry> entries) {
        this.described = List.copyOf(described);
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * Options given in code: each value by its key, typed as the connector's option says
     * ({@code String}, {@link Secret}, {@code Integer}, an enum constant, ...).
     *
     * @throws IllegalArgumentException for a key the options do not describe, or a value of another type
     */
    public static ParsedOptions of(List<ConfigOption<?>> described, Map<String, ?> values) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            ConfigOption<?> option = described.stream().filter(o -> o.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown key '" + key + "'; allowed keys: "
                            + described.stream().map(ConfigOption::key).collect(Collectors.joining(", "))));
            Objects.requireNonNull(value, key);
            Optional<Expr> template = option.isTemplate() ? Optional.of(Expr.of(value.toString())) : Optional.empty();
            entries.put(key, new Entry(value, value.toString(), false, template));
        });
        return new ParsedOptions(described, entries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        Entry entry = entries.get(option.key());
        if (entry != null && entry.value() != null) {
            return (T) entry.value();
        }
        return option.defaultValue().orElse(null);
    }

    @Override
    public boolean has(ConfigOption<?> option) {
        return entries.containsKey(option.key());
    }

    @Override
    public boolean substituted(ConfigOption<?> option) {
        Entry entry = entries.get(option.key());
        return entry != null && entry.substituted();
    }

    @Override
    public String asWritten(ConfigOption<?> option) {
        Entry entry = entries.get(option.key());
        return entry == null ? "" : entry.written();
    }

    /** The templates among the values, each with its position in the file, in the options' order. */
    public Map<String, Expr> templates() {
        Map<String, Expr> templates = new LinkedHashMap<>();
        for (ConfigOption<?> option : described) {
            Entry entry = entries.get(option.key());
            if (entry != null) {
                entry.template().ifPresent(t -> templates.put(option.key(), t));
            }
        }
        return templates;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedOptions other && values().equals(other.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        entries.forEach((key, entry) -> values.put(key, entry.value()));
        return values;
    }

    /** {@code {key=value, ...}} with secrets masked and URL passwords masked. */
    @Override
    public String toString() {
        return entries.entrySet().stream()
                .map(e -> e.getKey() + "=" + Secret.maskUrlPasswords(String.valueOf(e.getValue().value())))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
