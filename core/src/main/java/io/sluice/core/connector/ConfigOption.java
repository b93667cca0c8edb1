package io.sluice.core.connector;

import io.sluice.event.ColumnSelection;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One key of a connector's block in the job file, described once in the connector's own package:
 * its name, kind of value, default, unit, whether it is required, a secret or a template, what
 * values are accepted (the text after "expected" in error messages) and one line of
 * documentation. The job reader reads the key by this description, the validator checks it, and
 * the README's reference tables are generated from it.
 *
 * <p>Immutable: each {@code with...} method returns a copy.
 *
 * @param <T> the type of the value a connector reads with {@link Options#get}
 */
@PublicEvolving
public final class ConfigOption<T> {

    /** The kinds of value a key can hold; each is read and documented the same way for every connector. */
    public enum Kind {
        /** Text. */
        STRING,
        /** A credential: never printed, read as a {@link Secret}. */
        SECRET,
        /** Text with {@code {column}} or {@code {expression}} placeholders, checked before the job starts. */
        TEMPLATE,
        /** A whole number in a range. */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A duration with a unit: {@code 500ms}, {@code 10s}, {@code 2m}. */
        DURATION,
        /** A size in bytes, with an optional unit: {@code 5mb}. */
        BYTES,
        /** One of an enum's job-file names. */
        CHOICE,
        /** A list of strings, as a YAML list or comma-separated. */
        STRING_LIST,
        /** A mapping of names to strings, in file order. */
        STRING_MAP,
        /** A column selection: {@code {include: [...]}} or {@code {exclude: [...]}}. */
        COLUMNS,
        /** A nested block of its own keys. */
        BLOCK,
        /**
         * A value with a form of its own (a word or a mapping, e.g. a start position), read by
         * the connector's own code; described here for the reference and the list of keys.
         */
        STRUCTURED
    }

    private final String key;
    private final Kind kind;
    private final Class<?> choices;
    private final String choiceName;
    private final List<ConfigOption<?>> nested;
    private final T defaultValue;
    private final boolean required;
    private final boolean nonEmpty;
    private final String accepted;
    private final String itemAccepted;
    private final String doc;
    private final String unit;
    private final long min;
    private final long max;

    private ConfigOption(String key, Kind kind, Class<?> choices, String choiceName, List<ConfigOption<?>> nested,
            T defaultValue, boolean required, boolean nonEmpty, String accepted, String itemAccepted, String doc,
            String unit, long min, long max) {
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.choices = choices;
        this.choiceName = choiceName;
        this.nested = nested;
        this.defaultValue = defaultValue;
        this.required = required;
        this.nonEmpty = nonEmpty;
        this.accepted = accepted;
        this.itemAccepted = itemAccepted;
        this.doc = doc;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    private static <V> ConfigOption<V> of(String key, Kind kind, String accepted) {
        return new ConfigOption<>(key, kind, null, null, List.of(), null, false, false, accepted, accepted, "", "",
                Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A text value. */
    public static ConfigOption<String> string(String key) {
        return of(key, Kind.STRING, "a string");
    }

    /** A credential, masked wherever the configuration is printed. */
    public static ConfigOption<Secret> secret(String key) {
        return of(key, Kind.SECRET, "a string");
    }

    /** A template such as {@code user:{id}}, rendered per record; checked before the job starts. */
    public static ConfigOption<String> template(String key, String example) {
        return of(key, Kind.TEMPLATE, "text with {column} placeholders, e.g. " + example);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ConfigOption<Integer> integer(String key, int min, int max) {
        ConfigOption<Integer> option = of(key, Kind.INTEGER, "");
        return option.copy(option.defaultValue, option.required, option.nonEmpty, option.accepted,
                option.itemAccepted, option.doc, option.unit, min, max);
    }

    /** {@code true} or {@code false}. */
    public static ConfigOption<Boolean> bool(String key) {
        return of(key, Kind.BOOLEAN, "true or false");
    }

    /** A positive duration such as {@code 10s}. */
    public static ConfigOption<Duration> duration(String key) {
        return of(key, Kind.DURATION, "a duration");
    }

    /** A positive size in bytes, such as {@code 5mb}. */
    public static ConfigOption<Long> bytes(String key) {
        return of(key, Kind.BYTES, "a size");
    }

    /**
     * One of the constants of {@code type}, by their {@link ConfigName}s.
     *
     * @param what what the value is, for messages: {@code unknown redis format 'x'}
     */
    public static <E extends Enum<E> & ConfigName> ConfigOption<E> choice(String key, Class<E> type, String what) {
        return new ConfigOption<>(key, Kind.CHOICE, type, what, List.of(), null, false, false,
                "one of: " + names(type), "", "", "", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A list of strings, each described by {@code itemAccepted}. */
    public static ConfigOption<List<String>> stringList(String key, String itemAccepted) {
        ConfigOption<List<String>> option = of(key, Kind.STRING_LIST, itemAccepted);
        return option.withDefault(List.of());
    }

    /** A mapping of names to strings (e.g. client properties), each value described by {@code valueAccepted}. */
    public static ConfigOption<Map<String, String>> stringMap(String key, String valueAccepted) {
        ConfigOption<Map<String, String>> option = new ConfigOption<>(key, Kind.STRING_MAP, null, null, List.of(), null,
                false, false, "a mapping of names to values", valueAccepted, "", "", Long.MIN_VALUE, Long.MAX_VALUE);
        return option.withDefault(Map.of());
    }

    /** A column selection; all columns when absent. */
    public static ConfigOption<ColumnSelection> columns(String key) {
        ConfigOption<ColumnSelection> option = of(key, Kind.COLUMNS, "{include: [columns]} or {exclude: [columns]}");
        return option.withDefault(ColumnSelection.ALL);
    }

    /** A nested block with keys of its own; read as {@link Options} (each key's default when absent). */
    public static ConfigOption<Options> block(String key, List<ConfigOption<?>> keys) {
        return new ConfigOption<>(key, Kind.BLOCK, null, null, List.copyOf(keys), null, false, false,
                "a mapping with the keys " + keys.stream().map(ConfigOption::key).collect(Collectors.joining(", ")),
                "", "", "", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A key whose value has a form of its own, read by the connector; {@code accepted} is the
     * text after "expected" in its messages.
     */
    public static <V> ConfigOption<V> structured(String key, String accepted) {
        return of(key, Kind.STRUCTURED, accepted);
    }

    private ConfigOption<T> copy(T defaultValue, boolean required, boolean nonEmpty, String accepted,
            String itemAccepted, String doc, String unit, long min, long max) {
        return new ConfigOption<>(key, kind, choices, choiceName, nested, defaultValue, required, nonEmpty, accepted,
                itemAccepted, doc, unit, min, max);
    }

    /** The value when the key is absent. */
    public ConfigOption<T> withDefault(T value) {
        return copy(value, required, nonEmpty, accepted, itemAccepted, doc, unit, min, max);
    }

    /** The key must be present; a missing one is reported with {@link #accepted()}. */
    public ConfigOption<T> required() {
        return copy(defaultValue, true, nonEmpty, accepted, itemAccepted, doc, unit, min, max);
    }

    /** A blank value is reported ("the value is empty; expected ...") and read as absent. */
    public ConfigOption<T> nonEmpty() {
        return copy(defaultValue, required, true, accepted, itemAccepted, doc, unit, min, max);
    }

    /** What values are accepted, as messages say it after "expected". */
    public ConfigOption<T> accepting(String text) {
        return copy(defaultValue, required, nonEmpty, text, kind == Kind.STRING_LIST || kind == Kind.STRING_MAP ? itemAccepted : text, doc, unit,
                min, max);
    }

    /** One line of documentation for the reference tables. */
    public ConfigOption<T> withDoc(String text) {
        return copy(defaultValue, required, nonEmpty, accepted, itemAccepted, text, unit, min, max);
    }

    /** The unit of a number, for the reference tables (e.g. {@code actions}). */
    public ConfigOption<T> withUnit(String text) {
        return copy(defaultValue, required, nonEmpty, accepted, itemAccepted, doc, text, min, max);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isNonEmpty() {
        return nonEmpty;
    }

    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    public boolean isTemplate() {
        return kind == Kind.TEMPLATE;
    }

    /** What values are accepted, as messages say it after "expected"; for a list, what the whole list is. */
    public String accepted() {
        return accepted;
    }

    /** For a {@link Kind#STRING_LIST}: what each item is. */
    public String itemAccepted() {
        return itemAccepted;
    }

    public String doc() {
        return doc;
    }

    public String unit() {
        return unit;
    }

    /** For {@link Kind#INTEGER}: the smallest value accepted. */
    public long min() {
        return min;
    }

    /** For {@link Kind#INTEGER}: the largest value accepted. */
    public long max() {
        return max;
    }

    /** For {@link Kind#CHOICE}: the enum whose constants are the choices. */
    @SuppressWarnings("unchecked")
    public <E extends Enum<E> & ConfigName> Class<E> choices() {
        return (Class<E>) choices;
    }

    /** For {@link Kind#CHOICE}: what the value is, e.g. {@code redis format}. */
    public String choiceName() {
        return choiceName;
    }

    /** For {@link Kind#BLOCK}: the nested keys. */
    public List<ConfigOption<?>> nested() {
        return nested;
    }

    /** The job-file names of an enum's constants, comma-separated. */
    public static String names(Class<? extends ConfigName> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigName::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return key + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
