package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigName;
import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Secret;
import io.sluice.jobs.config.ParseContext.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a connector's block by its {@link ConfigOption}s: each key's value is checked for its
 * kind, range and choices and reported with the key's path and line, the same way for every
 * connector; the connector then checks the rules between its keys.
 */
final class OptionReader {

    private OptionReader() {}

    /** The keys of {@code options} in {@code block}; the caller checks for unknown keys. */
    static ParsedOptions read(Block block, List<ConfigOption<?>> options) {
        Map<String, ParsedOptions.Entry> entries = new LinkedHashMap<>();
        for (ConfigOption<?> option : options) {
            read(block, option).ifPresent(entry -> entries.put(option.key(), entry));
        }
        return new ParsedOptions(options, entries);
    }

    /** Where a connector's own checks are reported: at the key, with the block's path. */
    static OptionErrors errors(Block block) {
        return new OptionErrors() {
            @Override
            public void error(ConfigOption<?> option, String message) {
                block.error(option.key(), message);
            }

            @Override
            public void missing(ConfigOption<?> option, String expected) {
                block.missing(option.key(), expected);
            }
        };
    }

    /** The key's entry; empty when it is absent (or null) and nothing else must be recorded. */
    private static Optional<ParsedOptions.Entry> read(Block b, ConfigOption<?> option) {
        String key = option.key();
        if (option.kind() == ConfigOption.Kind.STRUCTURED) {
            // read by the connector's own code, which reports its problems
            return Optional.empty();
        }
        if (option.kind() == ConfigOption.Kind.BLOCK) {
            List<String> keys = option.nested().stream().map(ConfigOption::key).toList();
            Block nested = b.block(key, keys).orElseGet(() -> Block.empty(b.context(), b.path(key), b.position(key)));
            ParsedOptions values = read(nested, option.nested());
            return Optional.of(new ParsedOptions.Entry(values, "", false, Optional.empty()));
        }
        if (!b.has(key)) {
            if (option.isRequired()) {
                b.missing(key, option.accepted());
            }
            return Optional.empty();
        }
        switch (option.kind()) {
            case STRING_LIST:
                return Optional.of(plain(b.stringList(key, option.itemAccepted())));
            case STRING_MAP:
                return Optional.of(plain(b.stringMap(key, option.accepted(), option.itemAccepted())));
            case COLUMNS:
                return Optional.of(plain(Selections.columns(b, key)));
            case INTEGER:
                return Optional.of(plain((int) b.longValue(key, defaultNumber(option), option.min(), option.max())));
            case BOOLEAN:
                return Optional.of(plain(b.bool(key, false)));
            case DURATION:
                return Optional.of(plain(b.optionalDuration(key).orElse(null)));
            case BYTES:
                return Optional.of(plain(bytes(b, key)));
            case CHOICE:
                return Optional.of(plain(choice(b, option)));
            default:
                return scalar(b, option);
        }
    }

    /** STRING, SECRET and TEMPLATE: text, kept with how it was written. */
    private static Optional<ParsedOptions.Entry> scalar(Block b, ConfigOption<?> option) {
        String key = option.key();
        Optional<Value> v = b.scalar(key, option.accepted());
        if (v.isEmpty()) {
            return Optional.of(plain(null));
        }
        Value value = v.get();
        boolean blank = value.text().isBlank();
        if (blank && (option.isNonEmpty() || option.isTemplate())) {
            String what = option.isTemplate() ? "the expression is empty" : "the value is empty";
            b.error(value.node(), key, what + "; expected " + option.accepted());
            return Optional.of(new ParsedOptions.Entry(null, value.shown(), value.substituted(), Optional.empty()));
        }
        Object typed = option.isSecret() ? Secret.of(value.text()) : value.text();
        Optional<Expr> template = option.isTemplate() ? Optional.of(value.toExpr()) : Optional.empty();
        return Optional.of(new ParsedOptions.Entry(typed, value.shown(), value.substituted(), template));
    }

    private static ParsedOptions.Entry plain(Object value) {
        return new ParsedOptions.Entry(value, String.valueOf(value), false, Optional.empty());
    }

    private static long defaultNumber(ConfigOption<?> option) {
        return option.defaultValue().map(d -> ((Number) d).longValue()).orElse(option.min());
    }

    private static Long bytes(Block b, String key) {
        Optional<Value> v = b.scalar(key, ByteSizes.ACCEPTED);
        if (v.isEmpty()) {
            return null;
        }
        try {
            long bytes = ByteSizes.parse(v.get().text());
            if (bytes <= 0) {
                throw new IllegalArgumentException("zero");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            b.error(v.get().node(), key, "invalid size " + v.get().quoted() + "; expected " + ByteSizes.ACCEPTED);
            return null;
        }
    }

    private static <E extends Enum<E> & ConfigName> E choice(Block b, ConfigOption<?> option) {
        Class<E> type = option.choices();
        @SuppressWarnings("unchecked")
        E defaultValue = (E) option.defaultValue().orElse(null);
        return b.choice(option.key(), type.getEnumConstants(), defaultValue, option.choiceName());
    }
}
