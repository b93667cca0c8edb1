package io.sluice.jobs.docs;

import io.sluice.core.connector.ConfigName;
import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.SinkFactory;
import io.sluice.event.ColumnSelection;
import io.sluice.jobs.config.SinkRegistry;
import io.sluice.source.config.SourceOptions;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's reference tables of the source's keys and each sink type's keys, generated from
 * their {@link ConfigOption} descriptors ({@link SourceOptions} and the sink factories), so the
 * documentation cannot drift from what the job reader accepts. In the README a generated table
 * sits between {@code <!-- keys: TYPE -->} (a sink type, or {@code source}) and
 * {@code <!-- end keys -->}; {@link #render} rewrites every such region.
 *
 * <p>{@code java -cp "jobs/target/sluice.jar:$(cat jobs/target/classpath.txt)" io.sluice.jobs.docs.ReferenceDocs
 * README.md} rewrites the file in
 * place; a test fails when the committed README differs from the rendering.
 */
@Internal
public final class ReferenceDocs {

    private static final Pattern REGION =
            Pattern.compile("(<!-- keys: ([a-z0-9_-]+) -->\\n)(.*?)(<!-- end keys -->)", Pattern.DOTALL);

    /** The region of the {@code source} block's keys. */
    static final String SOURCE = "source";

    private ReferenceDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReferenceDocs README.md  (rewrites its generated key tables)");
            System.exit(2);
        }
        Path readme = Path.of(args[0]);
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Files.writeString(readme, render(text, SinkRegistry.load()), StandardCharsets.UTF_8);
    }

    /**
     * The text with each generated region replaced by the table of its sink type's keys.
     *
     * @throws IllegalArgumentException for a region naming a type the registry does not have
     */
    public static String render(String text, SinkRegistry registry) {
        Matcher m = REGION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String type = m.group(2);
            List<ConfigOption<?>> options = type.equals(SOURCE) ? SourceOptions.ALL : registry.find(type)
                    .map(SinkFactory::options)
                    .orElseThrow(() -> new IllegalArgumentException("the README has a key table for sink type '" + type
                            + "', which is not registered; expected one of: "
                            + String.join(", ", registry.types())));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(options) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A Markdown table of the factory's keys: key, default, description. */
    public static String table(SinkFactory factory) {
        return table(factory.options());
    }

    /** A Markdown table of the keys: key, default, description. */
    public static String table(List<ConfigOption<?>> options) {
        StringBuilder out = new StringBuilder("| key | default | |\n|---|---|---|\n");
        rows(out, "", options);
        return out.toString();
    }

    private static void rows(StringBuilder out, String prefix, List<ConfigOption<?>> options) {
        for (ConfigOption<?> option : options) {
            out.append("| `").append(prefix).append(option.key()).append("` | ").append(defaultText(option))
                    .append(" | ").append(description(option)).append(" |\n");
            if (option.kind() == ConfigOption.Kind.BLOCK) {
                rows(out, prefix + option.key() + ".", option.nested());
            }
        }
    }

    private static String defaultText(ConfigOption<?> option) {
        if (option.isRequired()) {
            return "required";
        }
        if (option.kind() == ConfigOption.Kind.BLOCK) {
            return "";
        }
        Optional<String> value = option.defaultValue()
                .filter(v -> !(v instanceof List<?> list && list.isEmpty()))
                .map(ReferenceDocs::valueText);
        return value.map(v -> "`" + v + "`").orElse("none");
    }

    private static String valueText(Object value) {
        if (value instanceof ConfigName name) {
            return name.configName();
        }
        if (value instanceof Duration d) {
            return durationText(d);
        }
        if (value instanceof ColumnSelection selection && selection.mode() == ColumnSelection.Mode.ALL) {
            return "all";
        }
        if (value instanceof Long bytes) {
            return bytesText(bytes);
        }
        return String.valueOf(value);
    }

    private static String durationText(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    private static String bytesText(long bytes) {
        String[] units = {"gb", "mb", "kb"};
        long[] sizes = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < sizes.length; i++) {
            if (bytes % sizes[i] == 0) {
                return bytes / sizes[i] + units[i];
            }
        }
        return Long.toString(bytes);
    }

    private static String description(ConfigOption<?> option) {
        StringBuilder text = new StringBuilder(option.doc());
        switch (option.kind()) {
            case TEMPLATE:
                append(text, "A template.");
                break;
            case SECRET:
                append(text, "A secret: never printed; use `${env:...}` or `${file:...}`.");
                break;
            case CHOICE:
                append(text, "One of: " + codeList(ConfigOption.names(option.choices())) + ".");
                break;
            case INTEGER:
                append(text, (option.max() >= Integer.MAX_VALUE ? "At least " + option.min()
                        : "From " + option.min() + " to " + option.max())
                        + (option.unit().isEmpty() ? "" : " " + option.unit()) + ".");
                break;
            case DURATION:
                append(text, "A duration.");
                break;
            case BYTES:
                append(text, "A size.");
                break;
            case STRING_LIST:
                append(text, "A list; each item " + option.itemAccepted() + ".");
                break;
            case STRING_MAP:
                append(text, "A mapping; each value " + option.itemAccepted() + ".");
                break;
            case COLUMNS:
                append(text, "`[a, b]`, `{include: [..]}` or `{exclude: [..]}`.");
                break;
            default:
                break;
        }
        return text.toString().replace("|", "\\|");
    }

    private static String codeList(String commaSeparated) {
        return "`" + String.join("`, `", commaSeparated.split(", ")) + "`";
    }

    private static void append(StringBuilder text, String sentence) {
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(sentence);
    }
}
