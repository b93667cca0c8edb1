package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import io.sluice.core.connector.ConfigName;
import io.sluice.core.connector.SinkFactory;
import io.sluice.jobs.config.ParseContext.Value;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code sinks} list: the keys every sink has ({@code type}, {@code name}, {@code from},
 * {@code error-policy}) here, and each type's own keys by the options its {@link SinkFactory}
 * describes, followed by the factory's checks between them.
 */
final class SinkParser {

    static final List<String> COMMON_KEYS = List.of("type", "name", "from", "error-policy");
    static final List<String> DEAD_LETTER_KEYS = List.of("path", "index");

    static final String FROM_ACCEPTED = "a table (db.table), a join name or an aggregate name";

    /** Error policy names; a local enum so the names can be matched and listed like the others. */
    enum PolicyKind implements ConfigName {
        FAIL("fail"),
        LOG("log"),
        DEAD_LETTER("dead-letter");

        private final String configName;

        PolicyKind(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    private SinkParser() {}

    static List<SinkConfig> sinks(Block top) {
        SinkRegistry registry = SinkRegistry.load();
        List<SinkConfig> sinks = new ArrayList<>();
        if (!top.has("sinks")) {
            top.missing("sinks", "a list of sinks, each with a type (" + String.join(", ", registry.types())
                    + ") and a from");
            return sinks;
        }
        List<Node> items = top.items("sinks", "sinks, each {type, from, ...}");
        if (items.isEmpty() && top.node("sinks").orElseThrow() instanceof SequenceNode) {
            top.error("sinks", "no sinks given; expected at least one sink");
        }
        for (int i = 0; i < items.size(); i++) {
            String path = "sinks[" + i + "]";
            Block s = Block.open(top.context(), items.get(i), path, COMMON_KEYS);
            Optional<SinkFactory> type = type(s, registry);
            if (type.isEmpty()) {
                continue;
            }
            SinkFactory factory = type.get();
            List<String> allowed = new ArrayList<>(COMMON_KEYS);
            factory.options().forEach(o -> allowed.add(o.key()));
            s.allowOnly(allowed);
            Optional<String> name = s.has("name") ? Optional.of(Selections.name(s, "name", "sink")) : Optional.empty();
            String from = s.requiredString("from", FROM_ACCEPTED).trim();
            ErrorPolicy policy = errorPolicy(s, factory, registry);
            ParsedOptions options = OptionReader.read(s, factory.options());
            factory.validate(options, OptionReader.errors(s));
            SinkConfig sink = new SinkConfig(factory, name, from, policy, options);
            top.context().locations.element(sink, path);
            sinks.add(sink);
        }
        return sinks;
    }

    private static Optional<SinkFactory> type(Block s, SinkRegistry registry) {
        String accepted = "one of: " + String.join(", ", registry.types());
        Optional<Value> v = s.requiredScalar("type", accepted);
        return v.flatMap(value -> {
            Optional<SinkFactory> type = Names.match(value.text(), registry.types()).flatMap(registry::find);
            if (type.isEmpty()) {
                s.error(value.node(), "type", "unknown sink type " + value.quoted() + "; expected " + accepted);
            }
            return type;
        });
    }

    private static ErrorPolicy errorPolicy(Block s, SinkFactory factory, SinkRegistry registry) {
        if (!s.has("error-policy")) {
            return ErrorPolicy.FAIL;
        }
        String example = "{dead-letter: {path: /var/sluice/dead.jsonl}}";
        return Variant.read(s, "error-policy", PolicyKind.values(), "error policy", example)
                .map(v -> {
                    switch (v.kind()) {
                        case FAIL:
                            v.settings().allowOnly(List.of());
                            return ErrorPolicy.FAIL;
                        case LOG:
                            v.settings().allowOnly(List.of());
                            return ErrorPolicy.LOG;
                        default:
                            return deadLetter(v.settings(), factory, registry);
                    }
                })
                .orElse(ErrorPolicy.FAIL);
    }

    private static ErrorPolicy deadLetter(Block settings, SinkFactory factory, SinkRegistry registry) {
        settings.allowOnly(DEAD_LETTER_KEYS);
        boolean toIndex = factory.deadLetterTargets().contains(ErrorPolicy.DeadLetter.Target.INDEX);
        String accepted = "{path: FILE}" + (toIndex ? " or {index: NAME}" : "");
        if (settings.has("path") == settings.has("index")) {
            settings.context().error(settings.position(), settings.path(),
                    "a dead-letter target needs exactly one of path or index; expected " + accepted);
            return ErrorPolicy.FAIL;
        }
        if (settings.has("index")) {
            if (!toIndex) {
                settings.error("index", "a dead-letter index is only available to "
                        + String.join(", ", registry.typesWithDeadLetter(ErrorPolicy.DeadLetter.Target.INDEX))
                        + " sinks; expected " + accepted);
                return ErrorPolicy.FAIL;
            }
            String index = settings.requiredString("index", "an index name");
            return index.isEmpty() ? ErrorPolicy.FAIL : ErrorPolicy.deadLetterIndex(index);
        }
        String path = settings.requiredString("path", "a file path");
        return path.isEmpty() ? ErrorPolicy.FAIL : ErrorPolicy.deadLetterFile(path);
    }
}
